using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// A configured patch queue. Always resolved; its key is the sha256 of each patch, in name order
/// (the directory's name itself does not enter it).
/// </summary>
internal sealed class PatchQueueSource(string path, Provenance pathProvenance, ISourceContext context) : ISource
{
    public string Path => path;

    public bool IsResolved => true;

    public Node? Ref => null;

    /// <summary>The patch files' project-relative paths, sorted by file name.</summary>
    public IReadOnlyList<string> Patches()
    {
        var directory = System.IO.Path.Combine(context.ProjectDirectory, path);
        if (!Directory.Exists(directory))
            throw new LoadException(ErrorReason.MissingFile, pathProvenance,
                $"Specified path '{path}' is not a directory");
        var prefix = path.TrimEnd('/');
        return Directory.EnumerateFileSystemEntries(directory)
            .Select(entry => System.IO.Path.GetFileName(entry))
            .Order(StringComparer.Ordinal)
            .Select(name => prefix is "" or "." ? name : prefix + "/" + name)
            .ToList();
    }

    public JsonNode GetUniqueKey()
    {
        var key = new JsonArray();
        foreach (var patch in Patches())
            key.Add(context.DigestProjectPath(patch, pathProvenance));
        return key;
    }

    public async Task StageAsync(string directory, CancellationToken cancellationToken)
    {
        foreach (var patch in Patches())
        {
            await ExternalCommand.RunAsync(directory, pathProvenance, cancellationToken,
                "git", "apply", "--unsafe-paths", "--directory=.", System.IO.Path.Combine(context.ProjectDirectory, patch)).ConfigureAwait(false);
        }
    }

    public bool IsFetched => true;

    public Task FetchAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        Task.FromResult(SourceTrackResult.Untracked);
}
