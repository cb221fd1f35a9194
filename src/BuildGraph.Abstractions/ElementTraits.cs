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
}
