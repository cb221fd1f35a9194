using System.Text.Json.Nodes;

namespace BuildGraph.Abstractions;

/// <summary>A configured element: immutable, safe to share between threads.</summary>
public interface IElement
{
    /// <summary>
    /// The element's own cache-key material only (the engine adds kind, version, sources,
    /// dependencies, environment and sandbox).
    /// </summary>
    JsonNode GetUniqueKey();

    /// <summary>Commands to run in the sandbox, by phase, for kinds that run commands; else empty.</summary>
    IReadOnlyList<CommandGroup> Commands { get; }

    /// <summary>How the engine builds this element's artifact.</summary>
    AssemblyPlan Assembly { get; }
}
