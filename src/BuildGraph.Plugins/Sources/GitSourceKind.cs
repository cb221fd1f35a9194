using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Sources;

/// <summary><c>git</c> (buildstream-plugins): a checkout of one commit, with submodules.</summary>
internal sealed class GitSourceKind : ISourceKind
{
    private static readonly string[] ConfigKeys =
    [
        "url", "track", "ref", "submodules", "checkout-submodules", "ref-format",
        "track-tags", "tags", "version", "version-guess-pattern",
    ];

    public string Name => "git";

    public SourceTraits Traits => SourceTraits.None;

    /// <summary>With <c>track-tags</c>, tracking writes the tags beside the ref.</summary>
    public IReadOnlyList<string> RefKeys => ["ref", "tags"];

    public ISource Configure(MappingNode config, ISourceContext context)
    {
        config.ValidateKeys(ConfigKeys);
        var tags = ReadTags(config);
        var url = ConfigValues.RequiredScalar(config, "url");
        context.TranslateUrl(url.Value, url.Provenance);
        var gitRef = ConfigValues.OptionalScalar(config, "ref");
        var track = ConfigValues.OptionalScalar(config, "track")?.Value;
        var refFormat = ConfigValues.Enum(config, "ref-format", "sha1", "sha1", "git-describe");
        if (gitRef is null && track is null)
            throw new LoadException(ErrorReason.MissingKey, config.Provenance,
                "Git sources require a ref and/or track", "Add track: with a branch or tag name, then track the element.");

        var submodules = new List<GitSubmodule>();
        if (config.TryGetMapping("submodules") is { } modules)
        {
            foreach (var path in modules.Keys)
            {
                var module = modules.GetMapping(path);
                module.ValidateKeys(["url", "checkout"]);
                var moduleUrl = ConfigValues.OptionalScalar(module, "url");
                if (moduleUrl is not null && moduleUrl.Value.Length > 0)
                    context.TranslateUrl(moduleUrl.Value, moduleUrl.Provenance);
                bool? checkout = module.ContainsKey("checkout") ? module.GetBool("checkout", true) : null;
                submodules.Add(new GitSubmodule(path, moduleUrl?.Value, checkout));
            }
        }

        return new GitSource(
            url.Value,
            gitRef,
            track,
            refFormat,
            config.GetBool("checkout-submodules", true),
            submodules,
            config.GetBool("track-tags", false),
            tags,
            VersionHint.Read(config),
            context);
    }

    private static List<GitTag> ReadTags(MappingNode config)
    {
        var tags = new List<GitTag>();
        if (config.TryGetSequence("tags") is not { } list)
            return tags;
        foreach (var item in list.Items)
        {
            var tag = item as MappingNode ?? throw new LoadException(ErrorReason.InvalidData, item.Provenance,
                $"Each entry of 'tags' must be a dictionary, found a {item.TypeName}");
            tag.ValidateKeys(["tag", "commit", "annotated"]);
            tags.Add(new GitTag(
                ConfigValues.RequiredScalar(tag, "tag").Value,
                ConfigValues.RequiredScalar(tag, "commit").Value,
                ConfigValues.RequiredBool(tag, "annotated")));
        }
        return tags;
    }
}
