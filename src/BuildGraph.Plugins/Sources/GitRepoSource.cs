using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured git_repo source.</summary>
internal sealed record GitRepoSource(
    string Url,
    ScalarNode? GitRef,
    string? Track,
    IReadOnlyList<string> Exclude,
    string RefFormat,
    VersionHint Version) : ISource
{
    public bool IsResolved => GitRef is not null;

    public Node? Ref => GitRef;

    /// <summary>
    /// <c>{"ref": full ref, "bugfix": 1}</c> plus the version hint: unlike git, the whole
    /// git-describe string counts, so reformatting a ref changes the key.
    /// </summary>
    public JsonNode GetUniqueKey()
    {
        var key = new JsonObject { ["ref"] = GitRef?.Value, ["bugfix"] = 1 };
        Version.AddTo(key);
        return key;
    }

    public Task StageAsync(string directory, CancellationToken cancellationToken) => NotFetchable.Stage("git_repo");

    public bool IsFetched => false;

    public Task FetchAsync(CancellationToken cancellationToken) => NotFetchable.Stage("git_repo");

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        NotFetchable.Track("git_repo");
}
