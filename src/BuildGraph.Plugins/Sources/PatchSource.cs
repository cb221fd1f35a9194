using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured patch source. Always resolved; its key holds the patch file's sha256.</summary>
internal sealed class PatchSource(string path, Provenance pathProvenance, int stripLevel, ISourceContext context) : ISource
{
    public string Path => path;

    public int StripLevel => stripLevel;

    public bool IsResolved => true;

    public Node? Ref => null;

    public JsonNode GetUniqueKey() =>
        new JsonArray { path, context.DigestProjectPath(path, pathProvenance), stripLevel };

    public async Task StageAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any())
            throw new SourceException(ErrorReason.InvalidData, pathProvenance,
                $"Nothing to patch with {path}: no sources were staged before it");
        var file = System.IO.Path.Combine(context.ProjectDirectory, path);
        await ExternalCommand.RunAsync(directory, pathProvenance, cancellationToken,
            "patch", $"-p{stripLevel}", "--no-backup-if-mismatch", "-i", file).ConfigureAwait(false);
    }

    public bool IsFetched => true;

    public Task FetchAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        Task.FromResult(SourceTrackResult.Untracked);
}
