using BuildGraph.Sandbox;

namespace BuildGraph.Cli.Tests.Build;

/// <summary>
/// A fact that really builds: it needs a working bubblewrap and Debian's static busybox (the base
/// sysroot of every build fixture), and skips, saying why, when either is missing.
/// </summary>
internal sealed class BuildFactAttribute : FactAttribute
{
    public BuildFactAttribute()
    {
        if (SkipReason is { } reason)
            Skip = reason;
    }

    public static string? SkipReason
    {
        get
        {
            if (!File.Exists(BusyboxBase.Busybox))
                return $"{BusyboxBase.Busybox} is missing (apt-get install busybox-static)";
            var probe = SandboxProbe.Check();
            return probe.IsAvailable ? null : $"bubblewrap cannot run here: {probe.Reason} {probe.Detail}";
        }
    }
}
