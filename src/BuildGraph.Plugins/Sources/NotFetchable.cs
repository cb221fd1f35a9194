using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>Staging for source kinds whose content comes from the network, until bgx fetches them.</summary>
internal static class NotFetchable
{
    public static Task<SourceTrackResult> Track(string kind) =>
        throw new SourceException(ErrorReason.Unsupported, null,
            $"bgx cannot track {kind} sources yet", "Set the ref by hand for now.");

    public static Task Stage(string kind) =>
        throw new SourceException(ErrorReason.Unsupported, null,
            $"bgx cannot stage {kind} sources yet: fetching remote sources is not implemented",
            "Use local sources, or build with a tool that can fetch this source.");
}
