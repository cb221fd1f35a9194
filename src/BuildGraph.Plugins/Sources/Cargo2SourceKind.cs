using System.Text.RegularExpressions;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// <c>cargo2</c> (community): vendors the crates of a Cargo.lock staged by an earlier source.
/// Tracking reads that lock file, so it needs the previous sources.
/// </summary>
internal sealed partial class Cargo2SourceKind : ISourceKind
{
    public const string DefaultUrl = "https://static.crates.io/crates";

    public string Name => "cargo2";

    public SourceTraits Traits => SourceTraits.TrackNeedsPreviousSources;

    public ISource Configure(MappingNode config, ISourceContext context)
    {
        config.ValidateKeys(["url", "ref", "cargo-lock", "vendor-dir", "git-mirrors"]);
        var urlNode = ConfigValues.OptionalScalar(config, "url");
        var url = urlNode?.Value ?? DefaultUrl;
        // An alias alone ("crates:") must carry its own trailing slash; anything else gets one.
        var registry = url.EndsWith(':') || url.EndsWith('/') ? url : url + "/";
        var translated = context.TranslateUrl(registry, urlNode?.Provenance ?? config.Provenance);

        var gitMirrors = ConfigValues.StringMapping(config, "git-mirrors")
            .Select(m => new KeyValuePair<string, string>(m.Key, m.Value.Value))
            .ToList();
        var refNode = config.TryGetSequence("ref");
        var crates = refNode is null ? [] : ReadCrates(refNode, context, gitMirrors);

        return new Cargo2Source(
            url,
            registry,
            translated,
            ConfigValues.OptionalScalar(config, "cargo-lock")?.Value ?? "Cargo.lock",
            // buildstream-plugins-community 2.1 vendors into "crates"; later releases changed the default.
            ConfigValues.OptionalScalar(config, "vendor-dir")?.Value ?? "crates",
            gitMirrors,
            refNode,
            crates,
            context);
    }

    private static List<CrateRef> ReadCrates(SequenceNode list, ISourceContext context,
        IReadOnlyList<KeyValuePair<string, string>> gitMirrors)
    {
        var crates = new List<CrateRef>(list.Count);
        foreach (var item in list.Items)
        {
            var entry = item as MappingNode ?? throw new LoadException(ErrorReason.InvalidSourceRef, item.Provenance,
                $"Each cargo2 ref entry must be a dictionary, found a {item.TypeName}");
            var kind = ConfigValues.Enum(entry, "kind", CrateRef.Registry, CrateRef.Registry, CrateRef.Git);
            if (kind == CrateRef.Registry)
            {
                entry.ValidateKeys(["kind", "name", "version", "sha"]);
                var sha = ConfigValues.OptionalScalar(entry, "sha");
                if (sha is not null && !Sha256Pattern().IsMatch(sha.Value))
                    throw new LoadException(ErrorReason.InvalidSourceRef, sha.Provenance,
                        $"Crate sha '{sha.Value}' is not a sha256 checksum", "Expected 64 lowercase hexadecimal digits.");
                crates.Add(new CrateRef(kind, Required(entry, "name"), Required(entry, "version"), sha?.Value, null, null, []));
            }
            else
            {
                entry.ValidateKeys(["kind", "name", "version", "repo", "commit", "query"]);
                var commit = ConfigValues.RequiredScalar(entry, "commit");
                if (!CommitPattern().IsMatch(commit.Value))
                    throw new LoadException(ErrorReason.InvalidSourceRef, commit.Provenance,
                        $"Crate commit '{commit.Value}' is not a full git commit sha", "Expected 40 lowercase hexadecimal digits.");
                var repo = ConfigValues.RequiredScalar(entry, "repo");
                context.TranslateUrl(repo.Value, repo.Provenance);
                var mirrored = Cargo2Source.MirroredGitUrl(repo.Value, gitMirrors);
                if (mirrored != repo.Value)
                    context.TranslateUrl(mirrored, repo.Provenance);
                var query = ConfigValues.StringMapping(entry, "query")
                    .Select(q => new KeyValuePair<string, string>(q.Key, q.Value.Value))
                    .ToList();
                crates.Add(new CrateRef(kind, Required(entry, "name"), Required(entry, "version"), null,
                    repo.Value, commit.Value, query));
            }
        }
        return crates;
    }

    private static string Required(MappingNode entry, string key) => ConfigValues.RequiredScalar(entry, key).Value;

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex("^[0-9a-f]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitPattern();
}
