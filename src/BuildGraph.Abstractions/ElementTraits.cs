namespace BuildGraph.Abstractions;

/// <summary>What the engine must know about a kind before configuring it.</summary>
[Flags]
public enum ElementTraits
{
    None = 0,
    /// <summary>Runs commands in a sandbox: environment and sandbox config enter the cache key.</summary>
    RunsCommands = 1,
    ForbidsSources = 2,
    RequiresSources = 4,
    ForbidsDependencies = 8,
    /// <summary>A junction: loads a subproject; cannot be depended on.</summary>
    Junction = 16,
    /// <summary>A link: replaced by its target at load time.</summary>
    Link = 32,
    /// <summary>
    /// A declared kind bgx does not implement: its defaults may be unknown, so list directives with no
    /// list below them apply to an empty list instead of failing; it loads and shows but cannot build.
    /// </summary>
    Opaque = 64,
}
