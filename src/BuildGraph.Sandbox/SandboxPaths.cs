using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Sandbox;

/// <summary>
/// Resolves sandbox paths against a staged root on the host the way the sandbox will see them:
/// symlinks are followed inside the root (an absolute target restarts at the root), and ".." never
/// leaves it. Staged artifacts routinely hold absolute symlinks (/lib64 -> /usr/lib64), so following
/// them on the host would create or bind host directories outside the root.
/// </summary>
internal static class SandboxPaths
{
    private const int MaxSymlinks = 40;

    /// <summary>
    /// The canonical sandbox path ("/a/b", no symlinks, no dots) of directory <paramref name="sandboxPath"/>,
    /// creating missing directories under <paramref name="root"/> when <paramref name="create"/>.
    /// </summary>
    /// <exception cref="SandboxException">A component is a file, a symlink loop, or missing while not creating.</exception>
    public static string ResolveDirectory(string root, string sandboxPath, bool create)
    {
        if (!sandboxPath.StartsWith('/'))
            throw new ArgumentException($"Sandbox path '{sandboxPath}' is not absolute.", nameof(sandboxPath));

        var pending = new LinkedList<string>(Split(sandboxPath));
        var resolved = new List<string>();
        var links = 0;
        while (pending.First is { } node)
        {
            var name = node.Value;
            pending.RemoveFirst();
            if (name == "..")
            {
                if (resolved.Count > 0)
                    resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            var host = ToHostPath(root, resolved, name);
            if (new FileInfo(host).LinkTarget is { } target)
            {
                if (++links > MaxSymlinks)
                    throw Error(sandboxPath, "has too many levels of symbolic links");
                if (target.StartsWith('/'))
                    resolved.Clear();
                foreach (var part in Split(target).Reverse())
                    pending.AddFirst(part);
                continue;
            }

            if (!Directory.Exists(host))
            {
                if (File.Exists(host))
                    throw Error(sandboxPath, $"is blocked by the file {Join(resolved, name)}");
                if (!create)
                    throw Error(sandboxPath, "does not exist");
                Directory.CreateDirectory(host);
            }
            resolved.Add(name);
        }
        return resolved.Count == 0 ? "/" : Join(resolved, null);
    }

    /// <summary>The host path of canonical sandbox path <paramref name="canonical"/>.</summary>
    public static string ToHost(string root, string canonical) =>
        canonical == "/" ? root : root.TrimEnd('/') + canonical;

    private static IEnumerable<string> Split(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".");

    private static string ToHostPath(string root, List<string> resolved, string name) =>
        ToHost(root, Join(resolved, name));

    private static string Join(List<string> resolved, string? name)
    {
        var path = "/" + string.Join('/', resolved);
        return name is null ? path : path.TrimEnd('/') + "/" + name;
    }

    private static SandboxException Error(string sandboxPath, string problem) =>
        new(ErrorReason.CommandFailed, $"Sandbox directory {sandboxPath} {problem} in the staged root.");
}
