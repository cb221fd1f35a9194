using System.Diagnostics;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Sandbox;

/// <summary>
/// Checks once per process whether bwrap can create the namespaces <see cref="BwrapSandbox"/> uses,
/// by running a no-op over the host's root read-only. Tests skip on it; the engine errors early.
/// </summary>
public static class SandboxProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<SandboxProbeResult> Cached = new(() => Probe(BwrapLocator.Find()));

    private const string NamespaceHint =
        "bgx builds in unprivileged user namespaces. Check that they are enabled (sysctl " +
        "user.max_user_namespaces > 0, kernel.unprivileged_userns_clone = 1, " +
        "kernel.apparmor_restrict_unprivileged_userns = 0), and in a container that unshare and mount " +
        "are allowed (e.g. docker run --security-opt seccomp=unconfined --security-opt apparmor=unconfined).";

    /// <summary>
    /// The probe's result. The first call blocks while bwrap runs (milliseconds); later calls return
    /// the cached result. Thread-safe.
    /// </summary>
    public static SandboxProbeResult Check() => Cached.Value;

    /// <exception cref="SandboxException"><see cref="ErrorReason.SandboxUnavailable"/> with the probe's reason.</exception>
    public static void EnsureAvailable()
    {
        var result = Check();
        if (!result.IsAvailable)
            throw new SandboxException(ErrorReason.SandboxUnavailable, result.Reason!, result.Detail);
    }

    internal static SandboxProbeResult Probe(string? bwrap)
    {
        if (bwrap is null)
            return new SandboxProbeResult(false, null, "bubblewrap (bwrap) is not on PATH.", BwrapLocator.InstallHint);

        var info = new ProcessStartInfo(bwrap)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            "--unshare-all", "--die-with-parent", "--new-session", "--uid", "0", "--gid", "0",
            "--hostname", BwrapArguments.Hostname, "--clearenv", "--ro-bind", "/", "/",
            "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--chdir", "/", "--", "/bin/sh", "-c", "exit 0"])
            info.ArgumentList.Add(argument);

        try
        {
            using var process = Process.Start(info)!;
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new SandboxProbeResult(false, bwrap, $"bwrap did not finish a no-op within {Timeout.TotalSeconds} s.", null);
            }
            process.WaitForExit();
            if (process.ExitCode == 0)
                return new SandboxProbeResult(true, bwrap, null, null);
            var message = (stderr.GetAwaiter().GetResult() + stdout.GetAwaiter().GetResult()).Trim();
            return new SandboxProbeResult(false, bwrap,
                $"bwrap cannot create the sandbox's namespaces here (exit code {process.ExitCode}).",
                message.Length == 0 ? NamespaceHint : $"{message}\n{NamespaceHint}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new SandboxProbeResult(false, bwrap, $"Could not run {bwrap}.", e.Message);
        }
    }
}
