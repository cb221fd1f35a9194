using System.Text;
using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>A configured cargo2 source.</summary>
internal sealed class Cargo2Source(
    string url,
    string registryUrl,
    string translatedRegistryUrl,
    string cargoLock,
    string vendorDir,
    IReadOnlyList<KeyValuePair<string, string>> gitMirrors,
    SequenceNode? refNode,
    IReadOnlyList<CrateRef> crates,
    ISourceContext context) : ISource
{
    /// <summary>How many crates download at once.</summary>

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

    private Provenance At => refNode?.Provenance ?? context.Provenance;

    private string CacheDirectory => Path.Combine(context.SourceDirectory, "cargo2");

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

    /// <summary>The download URL of a registry crate, untranslated: <c>&lt;url&gt;&lt;name&gt;/&lt;name&gt;-&lt;version&gt;.crate</c>.</summary>
    public string CrateUrl(CrateRef crate) => $"{registryUrl}{crate.Name}/{crate.Name}-{crate.Version}.crate";

    private string CachedPath(CrateRef crate) => Path.Combine(CacheDirectory, crate.Sha + ".crate");

    public bool IsFetched => crates.All(c => c.Kind == CrateRef.Git
        ? GitMirrorFor(c).HasCommit(c.Commit!)
        : c.Sha is not null && File.Exists(CachedPath(c)));

    /// <summary>The bare mirror of a git crate's repository (after <c>git-mirrors</c>), shared with git sources.</summary>
    private GitMirror GitMirrorFor(CrateRef crate) => new(context, MirroredGitUrl(crate.Repo!), At);

    /// <summary>Fetches the locked commit of each git crate into its repository's mirror.</summary>
    private async Task FetchGitCratesAsync(CancellationToken cancellationToken)
    {
        foreach (var crate in crates.Where(c => c.Kind == CrateRef.Git).DistinctBy(c => (c.Repo, c.Commit)))
            await GitMirrorFor(crate).FetchCommitAsync(crate.Commit!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads the missing crates, a few at a time, each verified against its sha256.</summary>
    public async Task FetchAsync(CancellationToken cancellationToken)
    {
        RequireSupported();
        await FetchGitCratesAsync(cancellationToken).ConfigureAwait(false);
        var missing = crates.Where(c => c.Kind == CrateRef.Registry && !File.Exists(CachedPath(c))).ToList();
        var downloader = new Downloader(context);
        using var slots = new SemaphoreSlim(context.Fetchers);
        var failures = new List<SourceException>();
        await Task.WhenAll(missing.Select(async crate =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await downloader.FetchAsync(CrateUrl(crate), At, CacheDirectory, ".crate", crate.Sha, cancellationToken).ConfigureAwait(false);
            }
            catch (SourceException e)
            {
                lock (failures)
                    failures.Add(e);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        if (failures.Count == 1)
            throw failures[0];
        if (failures.Count > 1)
            throw new SourceException(failures[0].Reason, At, $"{context.ElementName}: {failures.Count} crates could not be fetched",
                string.Join("\n", failures.Select(f => "- " + f.Message)), failures.All(f => f.IsTransient), failures[0]);
    }

    /// <summary>
    /// Unpacks each crate to <c>&lt;vendor-dir&gt;/&lt;name&gt;-&lt;version&gt;/</c> with its
    /// <c>.cargo-checksum.json</c> (git crates: the package's directory at the locked commit, see
    /// <see cref="CargoGitCrate"/>), and writes <c>.cargo/config.toml</c> pointing crates.io and each git
    /// repository at that directory (relative to the source's directory, where cargo resolves it from the
    /// config's parent).
    /// </summary>
    public async Task StageAsync(string directory, CancellationToken cancellationToken)
    {
        RequireSupported();
        var duplicate = crates.GroupBy(c => $"{c.Name}-{c.Version}").FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SourceException(ErrorReason.InvalidData, At, $"{context.ElementName}: the crate {duplicate.Key} is listed twice in the ref");
        var vendor = Path.Combine(directory, vendorDir);
        // Crates of one repository at one commit (a workspace's members) share one checkout.
        foreach (var commit in crates.Where(c => c.Kind == CrateRef.Git).GroupBy(c => (c.Repo, c.Commit)))
        {
            var mirror = GitMirrorFor(commit.First());
            if (!mirror.HasCommit(commit.Key.Commit!))
                throw new SourceException(ErrorReason.MissingFile, At,
                    $"{context.ElementName}: commit {commit.Key.Commit} of {commit.Key.Repo} is not in the git cache",
                    "Fetch it first (bgx source fetch); staging never uses the network.");
            await CargoGitCrate.StageAsync(mirror, commit.Key.Commit!, [.. commit], vendor, cancellationToken).ConfigureAwait(false);
        }
        foreach (var crate in crates.Where(c => c.Kind == CrateRef.Registry))
        {
            var archive = CachedPath(crate);
            if (!File.Exists(archive))
                throw new SourceException(ErrorReason.MissingFile, At,
                    $"{context.ElementName}: the crate {crate.Name} {crate.Version} is not in the download cache",
                    "Fetch it first (bgx source fetch); staging never uses the network.");
            var target = Path.Combine(vendor, $"{crate.Name}-{crate.Version}");
            await TarExtractor.ExtractAsync(archive, target, "*", At, $"{context.ElementName}: crate {crate.Name} {crate.Version}",
                cancellationToken).ConfigureAwait(false);
            var checksum = new JsonObject { ["files"] = new JsonObject(), ["package"] = crate.Sha };
            await File.WriteAllTextAsync(Path.Combine(target, ".cargo-checksum.json"), checksum.ToJsonString(), cancellationToken)
                .ConfigureAwait(false);
        }
        var config = Path.Combine(directory, ".cargo");
        Directory.CreateDirectory(config);
        await File.WriteAllTextAsync(Path.Combine(config, "config.toml"), VendorConfig(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>.cargo/config.toml</c> that replaces crates.io with the vendored directory.</summary>
    public string VendorConfig()
    {
        var sb = new StringBuilder();
        sb.Append("[source.crates-io]\n");
        sb.Append("registry = ").Append(TomlString(translatedRegistryUrl)).Append('\n');
        sb.Append("replace-with = \"vendored-sources\"\n\n");
        foreach (var git in crates.Where(c => c.Kind == CrateRef.Git).DistinctBy(c => (c.Repo, Query(c))))
        {
            // cargo finds the replacement by the lock file's source: the repository URL as locked, and its query.
            var query = Query(git);
            sb.Append("[source.").Append(TomlString("git+" + git.Repo + (query.Length > 0 ? "?" + query : ""))).Append("]\n");
            sb.Append("git = ").Append(TomlString(git.Repo!)).Append('\n');
            foreach (var (key, value) in git.Query)
                sb.Append(key).Append(" = ").Append(TomlString(value)).Append('\n');
            sb.Append("replace-with = \"vendored-sources\"\n\n");
        }
        sb.Append("[source.vendored-sources]\n");
        sb.Append("directory = ").Append(TomlString(vendorDir)).Append('\n');
        return sb.ToString();
    }

    private static string Query(CrateRef crate) => string.Join("&", crate.Query.Select(q => $"{q.Key}={q.Value}"));

    private static string TomlString(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>
    /// Reads <c>cargo-lock</c> from the earlier sources (staged, the source's directory applied) and returns
    /// its crates as the new ref; the changes list crates added and removed.
    /// </summary>
    public async Task<SourceTrackResult> TrackAsync(string? previousSources, CancellationToken cancellationToken)
    {
        if (previousSources is null)
            throw new InvalidOperationException("cargo2 tracks from the previous sources, but none were staged");
        var path = Path.Combine(previousSources, cargoLock);
        if (!File.Exists(path))
            throw new SourceException(ErrorReason.MissingFile, context.Provenance,
                $"{context.ElementName}: failed to find the Cargo.lock file at {cargoLock}",
                "cargo2 reads the lock file from the sources listed before it, but none of them has it (see the cargo-lock key).");
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var tracked = CargoLockRefs.Read(text, cargoLock, context.Provenance);
        var before = crates.Select(c => $"{c.Name} {c.Version}").ToHashSet(StringComparer.Ordinal);
        var after = tracked.Select(c => $"{c.Name} {c.Version}").ToHashSet(StringComparer.Ordinal);
        var changes = after.Where(c => !before.Contains(c)).Select(c => "add " + c)
            .Concat(before.Where(c => !after.Contains(c)).Select(c => "remove " + c))
            .ToList();
        return new SourceTrackResult(CargoLockRefs.ToNode(tracked, At), changes);
    }

    private void RequireSupported()
    {
        if (crates.FirstOrDefault(c => c.Kind == CrateRef.Registry && c.Sha is null) is { } unresolved)
            throw new SourceException(ErrorReason.MissingKey, At,
                $"{context.ElementName}: the crate {unresolved.Name} {unresolved.Version} has no sha", "Track the source (bgx source track).");
    }
}
