using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured cargo2 source.</summary>
internal sealed class Cargo2Source(
    string url,
    string registryUrl,
    string cargoLock,
    string vendorDir,
    IReadOnlyList<KeyValuePair<string, string>> gitMirrors,
    SequenceNode? refNode,
    IReadOnlyList<CrateRef> crates) : ISource
{
    /// <summary>The url as written (or the default); it is what enters the key.</summary>
    public string Url => url;

    /// <summary>The url with the trailing slash crate paths are appended to, untranslated.</summary>
    public string RegistryUrl => registryUrl;

    public string CargoLock => cargoLock;

    public string VendorDir => vendorDir;

    public IReadOnlyList<CrateRef> Crates => crates;

    // As in the community plugin, a missing ref is an empty crate list, which counts as resolved.
    public bool IsResolved => crates.All(c => c.IsResolved);

    public Node? Ref => refNode;

    /// <summary><c>[url, cargo-lock, vendor-dir, [crate…], "x"]</c> with crates in normalised form.</summary>
    public JsonNode GetUniqueKey()
    {
        var entries = new JsonArray();
        foreach (var crate in crates)
            entries.Add(crate.ToJson());
        return new JsonArray { url, cargoLock, vendorDir, entries, "x" };
    }

    /// <summary>A crate repository URL with the longest matching <c>git-mirrors</c> prefix replaced.</summary>
    public static string MirroredGitUrl(string gitUrl, IReadOnlyList<KeyValuePair<string, string>> mirrors)
    {
        KeyValuePair<string, string>? best = null;
        foreach (var mirror in mirrors)
        {
            if (gitUrl.StartsWith(mirror.Key, StringComparison.Ordinal) && (best is null || best.Value.Key.Length < mirror.Key.Length))
                best = mirror;
        }
        return best is { } use ? gitUrl.Replace(use.Key, use.Value, StringComparison.Ordinal) : gitUrl;
    }

    public string MirroredGitUrl(string gitUrl) => MirroredGitUrl(gitUrl, gitMirrors);

    public Task StageAsync(string directory, CancellationToken cancellationToken) => NotFetchable.Stage("cargo2");

    public bool IsFetched => false;

    public Task FetchAsync(CancellationToken cancellationToken) => NotFetchable.Stage("cargo2");

    public Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken) =>
        NotFetchable.Track("cargo2");
}
