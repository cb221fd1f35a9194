using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>
/// What tracking found: the new ref (a scalar, or cargo2's list; null when the kind tracks nothing) and, for version control, the
/// subjects of the commits between the old ref and the new one (newest first) for CI reports.
/// </summary>
public sealed record SourceTrackResult(Node? NewRef, IReadOnlyList<string> Changes)
{
    /// <summary>
    /// Keys persisted beside <c>ref</c> (git's <c>tags</c> with <c>track-tags</c>): written back with it, in the
    /// .bst or project.refs, and part of the source's configuration from then on.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Node>> AlsoWrite { get; init; } = [];

    /// <summary>For sources with nothing to track (local, patch).</summary>
    public static SourceTrackResult Untracked { get; } = new(null, Array.Empty<string>());
}
