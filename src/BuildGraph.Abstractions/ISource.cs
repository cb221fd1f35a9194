using System.Text.Json.Nodes;
using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>A configured source. Immutable.</summary>
public interface ISource
{
    /// <summary>True when the source pins exactly what to fetch (has a ref, or needs none).</summary>
    bool IsResolved { get; }

    /// <summary>The ref as written (scalar, list or mapping), or null.</summary>
    Node? Ref { get; }

    /// <summary>The source's cache-key material. Only valid when <see cref="IsResolved"/>; may read project files.</summary>
    JsonNode GetUniqueKey();

    /// <summary>
    /// Stages the source's content into <paramref name="directory"/> (a host directory that may already
    /// hold the sources staged before this one). Works offline: it uses only the project and caches.
    /// </summary>
    /// <exception cref="SourceException">The content is not available locally, or staging failed.</exception>
    Task StageAsync(string directory, CancellationToken cancellationToken);

    /// <summary>True when the download cache holds what <see cref="StageAsync"/> needs (always, for project-local sources).</summary>
    bool IsFetched { get; }

    /// <summary>
    /// Downloads what the ref pins into the download cache, trying the fetch URLs in order and retrying
    /// transient failures; verifies it (sha256 or commit) before keeping it. The only networked step.
    /// </summary>
    /// <exception cref="SourceException">Unreachable, not found, or a digest mismatch (nothing kept).</exception>
    Task FetchAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Resolves the newest ref for what the source tracks. <paramref name="previousSources"/> holds the
    /// element's earlier sources, staged, for kinds with <see cref="SourceTraits.TrackNeedsPreviousSources"/>.
    /// </summary>
    /// <exception cref="SourceException">Nothing to track (no <c>track</c>), unreachable, malformed input.</exception>
    Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken);
}
