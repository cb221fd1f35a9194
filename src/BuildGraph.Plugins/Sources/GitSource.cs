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
    VersionHint Version) : ISource
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

    public Task StageAsync(string directory, CancellationToken cancellationToken) => NotFetchable.Stage("git");

    public bool IsFetched => false;

    public Task FetchAsync(CancellationToken cancellationToken) => NotFetchable.Stage("git");

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        NotFetchable.Track("git");
}
