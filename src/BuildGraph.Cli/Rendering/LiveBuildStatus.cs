using System.Collections.Concurrent;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Graph;
using Spectre.Console;

namespace BuildGraph.Cli.Rendering;

/// <summary>
/// The interactive terminal's view of a build: finished elements scroll by as lines, and a status
/// line below shows what runs (with elapsed time) and how many wait.
/// </summary>
internal sealed class LiveBuildStatus(int keyLength)
{
    private readonly ConcurrentDictionary<Element, DateTime> _running = new();
    private int _finished;
    private int _failed;

    public int Total { get; set; }

    public void Report(BuildMessage message)
    {
        var element = message.Element;
        switch (message.Event)
        {
            case BuildEvent.Started when element is not null:
                _running[element] = DateTime.UtcNow;
                return;
            case BuildEvent.Succeeded or BuildEvent.Cached or BuildEvent.Pulled when !message.Text.StartsWith("sources", StringComparison.Ordinal):
                Interlocked.Increment(ref _finished);
                break;
            case BuildEvent.Failed:
                Interlocked.Increment(ref _failed);
                break;
        }
        if (element is not null && message.Event is not (BuildEvent.Pulled or BuildEvent.Pushed))
            _running.TryRemove(element, out _);
        var key = element?.CacheKey is { } k ? k[..Math.Min(keyLength, k.Length)] : "";
        var (label, colour) = message.Event switch
        {
            BuildEvent.Cached => ("cached ", "grey"),
            BuildEvent.Succeeded => ("success", "green"),
            BuildEvent.Failed => ("failure", "red"),
            BuildEvent.Skipped => ("skipped", "yellow"),
            BuildEvent.Warning => ("warning", "yellow"),
            BuildEvent.Pulled => ("pulled ", "cyan"),
            BuildEvent.Pushed => ("pushed ", "cyan"),
            _ => ("info   ", "blue"),
        };
        var elapsed = message.Elapsed > TimeSpan.Zero ? $" [grey]{message.Elapsed:mm\\:ss\\.f}[/]" : "";
        AnsiConsole.MarkupLine($"[{colour}]{label}[/] {key,-8} {Markup.Escape(element?.FullName ?? "")}{elapsed}");
        if (message.Event is BuildEvent.Failed or BuildEvent.Warning or BuildEvent.Pulled or BuildEvent.Pushed && message.Text.Length > 0)
            AnsiConsole.MarkupLine($"        {Markup.Escape(message.Text)}");
        if (message.LogFile is not null && message.Event == BuildEvent.Failed)
            AnsiConsole.MarkupLine($"        log: {Markup.Escape(message.LogFile)}");
    }

    /// <summary>Runs <paramref name="build"/> under a live status line.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> build)
    {
        return await AnsiConsole.Status().Spinner(Spinner.Known.Dots).StartAsync("Loading", async context =>
        {
            var task = build();
            while (!task.IsCompleted)
            {
                context.Status(Describe());
                await Task.WhenAny(task, Task.Delay(200)).ConfigureAwait(false);
            }
            return await task.ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private string Describe()
    {
        var now = DateTime.UtcNow;
        var running = string.Join(", ", _running.OrderBy(r => r.Value).Take(4)
            .Select(r => $"{Markup.Escape(r.Key.FullName)} ({(now - r.Value).TotalSeconds:F0}s)"));
        var waiting = Math.Max(0, Total - _finished - _failed - _running.Count);
        return $"[bold]{_finished}/{Total}[/] done, {_failed} failed, {waiting} waiting; building {running}";
    }
}
