using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured tar source.</summary>
internal sealed record TarSource(DownloadableFile File, string BaseDir) : ISource
{
    public bool IsResolved => File.Ref is not null;

    public Node? Ref => File.Ref;

    public JsonNode GetUniqueKey()
    {
        var key = File.KeyPrefix();
        key.Add(BaseDir);
        return key;
    }

    public Task StageAsync(string directory, CancellationToken cancellationToken) => NotFetchable.Stage("tar");

    public bool IsFetched => false;

    public Task FetchAsync(CancellationToken cancellationToken) => NotFetchable.Stage("tar");

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        NotFetchable.Track("tar");
}
