using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured remote source.</summary>
internal sealed record RemoteSource(DownloadableFile File, string Filename, bool Executable) : ISource
{
    public bool IsResolved => File.Ref is not null;

    public Node? Ref => File.Ref;

    public JsonNode GetUniqueKey()
    {
        var key = File.KeyPrefix();
        key.Add(Filename);
        key.Add(Executable);
        return key;
    }

    public Task StageAsync(string directory, CancellationToken cancellationToken) => NotFetchable.Stage("remote");

    public bool IsFetched => false;

    public Task FetchAsync(CancellationToken cancellationToken) => NotFetchable.Stage("remote");

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        NotFetchable.Track("remote");
}
