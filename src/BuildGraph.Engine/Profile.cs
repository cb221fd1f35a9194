using System.Diagnostics;

namespace BuildGraph.Engine;

/// <summary>Phase timings on stderr when BGX_PROFILE is set, for benchmarking the loader.</summary>
internal static class Profile
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("BGX_PROFILE") is { Length: > 0 };

    public static void Mark(string phase, Stopwatch clock)
    {
        if (!Enabled)
            return;
        Console.Error.WriteLine($"[profile] {phase}: {clock.Elapsed.TotalMilliseconds:F0} ms");
        clock.Restart();
    }
}
