using BuildGraph.Engine.Graph;

namespace BuildGraph.Engine.Building;

/// <summary>What happened to an element during a build; only the CLI renders these.</summary>
public enum BuildEvent
{
    Cached,
    Started,
    Succeeded,
    Failed,
    Skipped,
    Warning,
    Info,

    /// <summary>Taken from a remote cache instead of being built (or fetched).</summary>
    Pulled,

    /// <summary>Sent to a remote cache.</summary>
    Pushed,
}

/// <summary>A structured build message: the engine emits, the CLI renders.</summary>
public sealed record BuildMessage(BuildEvent Event, Element? Element, string Text, TimeSpan Elapsed, string? LogFile = null);
