using BuildGraph.Engine.Building;

namespace BuildGraph.Cli.Rendering;

/// <summary>Renders build messages as plain timestamped lines (CI, pipes, and terminals alike).</summary>
internal sealed class BuildReporter(TextWriter output, int keyLength)
{
    private readonly object _lock = new();

    public void Report(BuildMessage message)
    {
        var element = message.Element;
        var key = element?.CacheKey is { } k ? k[..Math.Min(keyLength, k.Length)] : "";
        var label = message.Event switch
        {
            BuildEvent.Cached => "CACHED ",
            BuildEvent.Started => "START  ",
            BuildEvent.Succeeded => "SUCCESS",
            BuildEvent.Failed => "FAILURE",
            BuildEvent.Skipped => "SKIPPED",
            BuildEvent.Warning => "WARNING",
            BuildEvent.Pulled => "PULLED ",
            BuildEvent.Pushed => "PUSHED ",
            _ => "INFO   ",
        };
        var elapsed = message.Elapsed > TimeSpan.Zero ? $" [{message.Elapsed:hh\\:mm\\:ss\\.ff}]" : "";
        var line = $"[{DateTime.Now:HH:mm:ss}] {label} {key,-8} {element?.FullName}{elapsed}";
        lock (_lock)
        {
            output.WriteLine(line);
            if (message.Event is BuildEvent.Failed or BuildEvent.Warning or BuildEvent.Skipped or BuildEvent.Pulled or BuildEvent.Pushed
                && message.Text.Length > 0)
            {
                foreach (var text in message.Text.Split('\n'))
                    output.WriteLine("    " + text);
                if (message.LogFile is not null && message.Event == BuildEvent.Failed)
                    output.WriteLine($"    log: {message.LogFile}");
            }
        }
    }
}
