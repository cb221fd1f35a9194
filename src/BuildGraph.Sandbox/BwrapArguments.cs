using System.Globalization;
using BuildGraph.Abstractions;

namespace BuildGraph.Sandbox;

/// <summary>The bwrap command line for one <see cref="SandboxCommand"/>, after its paths were resolved.</summary>
internal static class BwrapArguments
{
    /// <summary>Fixed so builds that record the host name stay reproducible (as BuildStream's bwrap sandbox).</summary>
    public const string Hostname = "buildstream";

    /// <summary>Mount points bwrap mounts over; they must exist in a read-only root.</summary>
    public static readonly IReadOnlyList<string> MountPoints = ["dev", "proc", "tmp"];

    /// <param name="command">The command; its paths are not used, see the canonical ones.</param>
    /// <param name="workingDirectory">Canonical sandbox path of the working directory.</param>
    /// <param name="writableDirectories">Canonical sandbox paths bound writable over a read-only root.</param>
    /// <param name="statusFd">File descriptor bwrap writes its JSON status to.</param>
    public static List<string> Build(SandboxCommand command, string workingDirectory,
        IReadOnlyList<string> writableDirectories, int statusFd)
    {
        var args = new List<string> { "--unshare-all" };
        if (command.Network)
            args.Add("--share-net");
        args.Add("--die-with-parent");
        // A new session detaches the command from the caller's terminal; a shell needs it.
        if (!command.Interactive)
            args.Add("--new-session");
        args.AddRange(["--uid", (command.Uid ?? 0).ToString(CultureInfo.InvariantCulture), "--gid", (command.Gid ?? 0).ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(["--hostname", Hostname]);

        args.Add("--clearenv");
        foreach (var (name, value) in command.Environment.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (name.Length == 0 || name.Contains('=') || name.Contains('\0') || value.Contains('\0'))
                throw new ArgumentException($"Invalid environment variable '{name}'.", nameof(command));
            args.AddRange(["--setenv", name, value]);
        }
        args.AddRange(["--json-status-fd", statusFd.ToString(CultureInfo.InvariantCulture)]);

        var root = command.RootDirectory;
        var readOnly = command.RootReadOnly && !writableDirectories.Contains("/");
        args.AddRange([readOnly ? "--ro-bind" : "--bind", root, "/"]);
        args.AddRange(["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]);
        if (readOnly)
        {
            foreach (var directory in writableDirectories)
                args.AddRange(["--bind", SandboxPaths.ToHost(root, directory), directory]);
        }
        args.AddRange(["--chdir", workingDirectory]);

        args.Add("--");
        args.AddRange(command.Arguments);
        return args;
    }
}
