using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured local source. Always resolved; its key is the content digest of the path.</summary>
internal sealed class LocalSource(string path, Provenance pathProvenance, ISourceContext context) : ISource
{
    public string Path => path;

    public bool IsResolved => true;

    public Node? Ref => null;

    public JsonNode GetUniqueKey() => JsonValue.Create(context.DigestProjectPath(path, pathProvenance));

    public Task StageAsync(string directory, CancellationToken cancellationToken)
    {
        TreeCopy.Into(System.IO.Path.Combine(context.ProjectDirectory, path), directory);
        return Task.CompletedTask;
    }

    public bool IsFetched => true;

    public Task FetchAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        Task.FromResult(SourceTrackResult.Untracked);
}
