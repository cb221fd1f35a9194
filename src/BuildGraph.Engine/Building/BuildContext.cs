using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Loading;

namespace BuildGraph.Engine.Building;

/// <summary>What every element build of one session shares; <see cref="Remotes"/> is null without remote caches.</summary>
internal sealed record BuildContext(
    ArtifactCache Artifacts,
    ISandbox Sandbox,
    string CacheDirectory,
    string LogDirectory,
    Warnings Warnings,
    Action<BuildMessage> Report,
    Remotes.RemoteCaches? Remotes = null);
