using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured git_repo source.</summary>
internal sealed partial record GitRepoSource(
    string Url,
    ScalarNode? GitRef,
    string? Track,
    IReadOnlyList<string> Exclude,
    string RefFormat,
    VersionHint Version,
    ISourceContext Context) : ISource
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

    private Provenance At => GitRef?.Provenance ?? Context.Provenance;

    private GitMirror Mirror => new(Context, Url, Context.Provenance);

    /// <summary>The ref's parts: the tag and distance of a git-describe ref (null and 0 for a bare sha), and the commit.</summary>
    private (string? Tag, int Distance, string Commit) Parts()
    {
        if (GitRef is null)
            throw new SourceException(ErrorReason.MissingKey, Context.Provenance,
                $"{Context.ElementName}: the git_repo source {Url} has no ref", "Track it (bgx source track) or set ref:.");
        var match = DescribedRef().Match(GitRef.Value);
        return match.Groups["tag"].Success
            ? (match.Groups["tag"].Value, int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["sha"].Value)
            : (null, 0, GitRef.Value);
    }

    /// <summary>
    /// A real shallow repository: HEAD detached at the commit, and for a git-describe ref the tag and the
    /// history back to the tagged commit, so that <c>git describe</c> inside the build gives the ref back.
    /// </summary>
    public async Task StageAsync(string directory, CancellationToken cancellationToken)
    {
        var (tag, distance, sha) = Parts();
        string[] refspecs = tag is null ? [] : [$"+refs/tags/{tag}:refs/tags/{tag}"];
        await GitCheckout.StageRepositoryAsync(Mirror, sha, directory, distance + 1, refspecs, cancellationToken).ConfigureAwait(false);
    }

    public bool IsFetched
    {
        get
        {
            if (GitRef is null)
                return false;
            var (tag, _, sha) = Parts();
            var mirror = Mirror;
            return mirror.HasCommit(sha) && (tag is null || mirror.HasCommit("refs/tags/" + tag));
        }
    }

    public async Task FetchAsync(CancellationToken cancellationToken)
    {
        var (tag, _, sha) = Parts();
        var mirror = Mirror;
        await mirror.FetchCommitAsync(sha, cancellationToken).ConfigureAwait(false);
        if (tag is not null && !await mirror.HasCommitAsync("refs/tags/" + tag, cancellationToken).ConfigureAwait(false))
            await mirror.FetchCommitAsync("refs/tags/" + tag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists the remote's branches and tags, keeps those matching <c>track</c> and no <c>exclude</c> glob,
    /// and takes the greatest by version order: <c>&lt;tag&gt;-0-g&lt;sha&gt;</c> for a tag in git-describe
    /// format, a described commit for a branch, else the bare commit.
    /// </summary>
    public async Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken)
    {
        if (Track is null)
            throw new SourceException(ErrorReason.MissingKey, Context.Provenance,
                $"{Context.ElementName}: the git_repo source {Url} has nothing to track", "Add track: with a glob over tags or branches.");
        var mirror = Mirror;
        var listing = await mirror.ListRemoteAsync(cancellationToken).ConfigureAwait(false);
        var best = GitRemoteRef.Matching(listing, Track, Exclude).FirstOrDefault()
            ?? throw new SourceException(ErrorReason.SourceNotFound, Context.Provenance,
                $"{Context.ElementName}: no branch or tag of {Url} matches '{Track}'" +
                (Exclude.Count > 0 ? $" (excluding {string.Join(", ", Exclude)})" : ""),
                "Check the track: glob and the exclude: list.");
        // The new commit is fetched in any case: for the changes since the old ref, and for describing a branch.
        await mirror.UpdateForTrackingAsync(cancellationToken).ConfigureAwait(false);
        string newRef;
        if (RefFormat != "git-describe")
            newRef = best.Commit;
        else if (best.IsTag)
            newRef = $"{best.Name}-0-g{best.Commit}";
        else
            newRef = await mirror.DescribeAsync(best.Commit, cancellationToken).ConfigureAwait(false);
        var oldSha = GitRef is null ? null : Parts().Commit;
        var changes = await mirror.SubjectsAsync(oldSha, best.Commit, cancellationToken).ConfigureAwait(false);
        return new SourceTrackResult(new ScalarNode(newRef, At), changes);
    }

    [GeneratedRegex("^(?:(?<tag>.+)-(?<n>[0-9]+)-g)?(?<sha>[0-9a-f]{40})$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DescribedRef();
}
