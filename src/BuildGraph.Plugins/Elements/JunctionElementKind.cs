using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary><c>junction</c>: a subproject, loaded from the element's sources.</summary>
internal sealed class JunctionElementKind : IElementKind
{
    public string Name => "junction";

    public int Version => 0;

    public ElementTraits Traits => ElementTraits.Junction | ElementTraits.ForbidsDependencies;

    public string DefaultYaml => KindResources.DefaultYaml(Name);

    public IElement Configure(MappingNode config, IElementContext context)
    {
        config.ValidateKeys(["path", "options", "overrides", "aliases", "map-aliases"]);
        var path = ConfigValues.OptionalScalar(config, "path")?.Value ?? "";
        var options = (MappingNode?)config.TryGetMapping("options")?.Clone() ?? new MappingNode(config.Provenance);

        // The junction's own name as its project sees it, without the junction prefix.
        var ownName = context.ElementName[(context.ElementName.LastIndexOf(':') + 1)..];
        var overrides = ConfigValues.StringMapping(config, "overrides");
        foreach (var (subprojectElement, local) in overrides)
        {
            if (local.Value == ownName)
                throw new LoadException(ErrorReason.InvalidJunction, local.Provenance,
                    $"Attempt to override subproject junction '{subprojectElement}' with the overriding junction '{local.Value}' itself");
        }

        var aliases = ConfigValues.StringMapping(config, "aliases");
        var identity = ConfigValues.Enum(config, "map-aliases", "none", "none", "identity") == "identity";
        return new JunctionElement(
            path,
            options,
            overrides.Select(o => new KeyValuePair<string, string>(o.Key, o.Value.Value)).ToList(),
            aliases.Select(a => new KeyValuePair<string, string>(a.Key, a.Value.Value)).ToList(),
            identity);
    }
}
