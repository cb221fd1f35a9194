using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// A source of a kind bgx does not implement. Without knowing which of its keys pins the content
/// (cpan uses sha256sum, for one), its whole configuration is its identity: it counts as resolved
/// unless it has a <c>ref</c> key left empty.
/// </summary>
internal sealed class OpaqueSource(Node? sourceRef, JsonNode config) : ISource
{
    public bool IsResolved => sourceRef is not ScalarNode { Value: "" };

    public Node? Ref => sourceRef;

    public JsonNode GetUniqueKey() => config.DeepClone();

    public Task StageAsync(string directory, CancellationToken cancellationToken) => NotFetchable.Stage("this kind of");

    public bool IsFetched => false;

    public Task FetchAsync(CancellationToken cancellationToken) => NotFetchable.Stage("this kind of");

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        NotFetchable.Track("this kind of");
}
