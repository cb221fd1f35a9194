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

    public async Task StageAsync(string directory, CancellationToken cancellationToken)
    {
        var archive = File.RequireCached();
        await TarExtractor.ExtractAsync(archive, directory, BaseDir, File.Ref!.Provenance,
            $"{File.Context.ElementName}: {File.Url}", cancellationToken).ConfigureAwait(false);
    }

    public bool IsFetched => File.IsFetched;

    public Task FetchAsync(CancellationToken cancellationToken) => File.FetchAsync(cancellationToken);

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        File.TrackAsync(cancellationToken);
}
