using System.Diagnostics;

namespace BuildGraph.Remote.Tests.Interop;

/// <summary>A fact that needs Debian's python3-buildstream (BuildStream 1.6.8's artifact server); skips without it.</summary>
internal sealed class BstFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> Missing = new(Probe);

    public BstFactAttribute()
    {
        if (Missing.Value is { } reason)
            Skip = reason;
    }

    private static string? Probe()
    {
        if (!File.Exists(Python))
            return $"{Python} is missing";
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import buildstream._artifactcache.casserver"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.StandardError.ReadToEnd();
        return process.WaitForExit(30_000) && process.ExitCode == 0
            ? null
            : "BuildStream's casserver module does not import (apt-get install python3-buildstream)";
    }
}
