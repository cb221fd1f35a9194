namespace BuildGraph.Sandbox.Tests;

/// <summary>
/// A fact that needs a working bwrap and Debian's static busybox (to fill a tiny root); it skips,
/// saying why, when either is missing or bwrap cannot create namespaces here.
/// </summary>
internal sealed class BwrapFactAttribute : FactAttribute
{
    public BwrapFactAttribute()
    {
        if (SkipReason is { } reason)
            Skip = reason;
    }

    public static string? SkipReason
    {
        get
        {
            if (BwrapLocator.Find() is null)
                return "bwrap is not on PATH (apt-get install bubblewrap)";
            if (!File.Exists(TestRoot.Busybox))
                return $"{TestRoot.Busybox} is missing (apt-get install busybox-static)";
            var probe = SandboxProbe.Check();
            return probe.IsAvailable ? null : $"{probe.Reason} {probe.Detail}";
        }
    }
}
