using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured git source.</summary>
internal sealed record GitSource(
    string Url,
    ScalarNode? GitRef,
    string? Track,
    string RefFormat,
    bool CheckoutSubmodules,
    IReadOnlyList<GitSubmodule> Submodules,
    bool TrackTags,
    IReadOnlyList<GitTag> Tags,
    VersionHint Version,
    ISourceContext Context) : ISource
{
    public bool IsResolved => GitRef is not null;

    public Node? Ref => GitRef;

    /// <summary>
    /// <c>[url, commit, {tags}?, {checkout_submodules: false}?, {submodule urls}?,
    /// {submodule_checkout_overrides}?, version?]</c>; only the commit part of a git-describe ref counts.
    /// </summary>
    public JsonNode GetUniqueKey()
    {
        var key = new JsonArray { Url, GitRef is null ? null : StripDescription(GitRef.Value) };
        if (Tags.Count > 0)
        {
            var tags = new JsonObject();
            foreach (var tag in Tags)
                tags[tag.Tag] = new JsonArray { tag.Commit, tag.Annotated };
            key.Add(new JsonObject { ["tags"] = tags });
        }
        if (!CheckoutSubmodules)
            key.Add(new JsonObject { ["checkout_submodules"] = false });
        if (Submodules.Count > 0)
        {
            var urls = new JsonObject();
            foreach (var module in Submodules)
                urls[module.Path] = module.Url;
            key.Add(urls);
        }
        var checkouts = new JsonObject();
        foreach (var module in Submodules)
        {
            if (module.Checkout is { } checkout)
                checkouts[module.Path] = checkout;
        }
        if (checkouts.Count > 0)
            key.Add(new JsonObject { ["submodule_checkout_overrides"] = checkouts });
        Version.AppendTo(key);
        return key;
    }

    /// <summary>The commit of <c>tag-N-gSHA</c>: the text after the last <c>-g</c>.</summary>
    public static string StripDescription(string gitRef)
    {
        var at = gitRef.LastIndexOf("-g", StringComparison.Ordinal);
        return at < 0 ? gitRef : gitRef[(at + 2)..];
    }

    private Provenance At => GitRef?.Provenance ?? Context.Provenance;

    private GitMirror Mirror => new(Context, Url, Context.Provenance);

    /// <summary>The commit the ref pins: its text after the last <c>-g</c>, which must be a full sha1.</summary>
    private string Commit
    {
        get
        {
            if (GitRef is null)
                throw new SourceException(ErrorReason.MissingKey, Context.Provenance,
                    $"{Context.ElementName}: the git source {Url} has no ref", "Track it (bgx source track) or set ref: to a commit.");
            var commit = StripDescription(GitRef.Value);
            return commit.Length == 40 && commit.All(char.IsAsciiHexDigitLower) ? commit
                : throw new SourceException(ErrorReason.InvalidSourceRef, GitRef.Provenance,
                    $"{Context.ElementName}: the ref '{GitRef.Value}' of {Url} does not pin a commit",
                    "Expected a full 40-character commit sha, optionally as git describe writes it (<tag>-<n>-g<sha>).");
        }
    }

    /// <summary>
    /// The commit's files without <c>.git</c>, and its submodules. With <c>tags</c>, a shallow <c>.git</c>
    /// reaching back to the oldest tagged commit holds HEAD and the tags, so <c>git describe</c> works.
    /// </summary>
    public async Task StageAsync(string directory, CancellationToken cancellationToken)
    {
        var mirror = Mirror;
        var sha = Commit;
        if (Tags.Count == 0)
            await GitCheckout.StageFilesAsync(mirror, sha, directory, cancellationToken).ConfigureAwait(false);
        else
            await StageWithTagsAsync(mirror, sha, directory, cancellationToken).ConfigureAwait(false);
        await GitSubmodules.StageAsync(Context, mirror, sha, directory, CheckoutSubmodules, Submodules, cancellationToken).ConfigureAwait(false);
    }

    private async Task StageWithTagsAsync(GitMirror mirror, string sha, string directory, CancellationToken cancellationToken)
    {
        var depth = 1;
        foreach (var tag in Tags)
        {
            var count = await mirror.GitAsync(cancellationToken, "rev-list", "--count", $"{tag.Commit}..{sha}").ConfigureAwait(false);
            if (count.Succeeded && int.TryParse(count.Stdout.Trim(), out var n))
                depth = Math.Max(depth, n + 1);
        }
        await GitCheckout.StageRepositoryAsync(mirror, sha, directory, depth, Tags.Select(t => t.Commit).Distinct().ToList(), cancellationToken)
            .ConfigureAwait(false);
        // The tags are recreated from the source's list (as BuildStream does), with a fixed identity and date.
        var env = new Dictionary<string, string>
        {
            ["GIT_COMMITTER_NAME"] = "bgx", ["GIT_COMMITTER_EMAIL"] = "bgx@localhost",
            ["GIT_COMMITTER_DATE"] = "@0 +0000", ["LC_ALL"] = "C",
        };
        foreach (var tag in Tags)
        {
            string[] command = tag.Annotated
                ? ["git", "tag", "--annotate", "--force", "--message", tag.Tag, tag.Tag, tag.Commit]
                : ["git", "tag", "--force", tag.Tag, tag.Commit];
            (await ExternalCommand.CaptureAsync(directory, env, At, command, cancellationToken).ConfigureAwait(false)).ThrowIfFailed(At);
        }
    }

    public bool IsFetched
    {
        get
        {
            if (GitRef is null || StripDescription(GitRef.Value) is not { Length: 40 })
                return false;
            var mirror = Mirror;
            var sha = Commit;
            return mirror.HasCommit(sha) && Tags.All(t => mirror.HasCommit(t.Commit))
                && GitSubmodules.AreFetched(Context, mirror, sha, CheckoutSubmodules, Submodules);
        }
    }

    public async Task FetchAsync(CancellationToken cancellationToken)
    {
        var mirror = Mirror;
        var sha = Commit;
        await mirror.FetchCommitAsync(sha, cancellationToken).ConfigureAwait(false);
        foreach (var tag in Tags)
            await mirror.FetchCommitAsync(tag.Commit, cancellationToken).ConfigureAwait(false);
        await GitSubmodules.FetchAsync(Context, mirror, sha, CheckoutSubmodules, Submodules, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches all branches and tags from the alias URL and resolves <c>track</c>: the commit, or its
    /// <c>git describe --tags --abbrev=40 --long</c> with <c>ref-format: git-describe</c>.
    /// </summary>
    public async Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken)
    {
        if (Track is null)
            throw new SourceException(ErrorReason.MissingKey, Context.Provenance,
                $"{Context.ElementName}: the git source {Url} has nothing to track", "Add track: with a branch or tag name.");
        var mirror = Mirror;
        await mirror.UpdateForTrackingAsync(cancellationToken).ConfigureAwait(false);
        var sha = await mirror.ResolveAsync(Track, cancellationToken).ConfigureAwait(false)
            ?? throw new SourceException(ErrorReason.SourceNotFound, Context.Provenance,
                $"{Context.ElementName}: '{Track}' is not a branch, tag or commit of {Url}", "Check the track: key.");
        var newRef = RefFormat == "git-describe" ? await mirror.DescribeAsync(sha, cancellationToken).ConfigureAwait(false) : sha;
        var changes = await mirror.SubjectsAsync(GitRef is null ? null : StripDescription(GitRef.Value), sha, cancellationToken)
            .ConfigureAwait(false);
        var result = new SourceTrackResult(new ScalarNode(newRef, At), changes);
        if (!TrackTags)
            return result;
        var tags = await mirror.ReachableTagsAsync(sha, cancellationToken).ConfigureAwait(false);
        return result with { AlsoWrite = [new("tags", TagsNode(tags))] };
    }

    /// <summary>The <c>tags</c> list as written back: <c>{tag, commit, annotated}</c> per tag.</summary>
    private SequenceNode TagsNode(IReadOnlyList<GitTag> tags)
    {
        var list = new SequenceNode(At);
        foreach (var tag in tags)
        {
            var entry = new MappingNode(At);
            entry.Set("tag", new ScalarNode(tag.Tag, At));
            entry.Set("commit", new ScalarNode(tag.Commit, At));
            entry.Set("annotated", new ScalarNode(tag.Annotated ? "true" : "false", At));
            list.Items.Add(entry);
        }
        return list;
    }
}
