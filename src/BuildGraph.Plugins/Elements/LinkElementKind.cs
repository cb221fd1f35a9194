using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary><c>link</c>: replaced by its target when the project loads.</summary>
internal sealed class LinkElementKind : IElementKind
{
    public string Name => "link";

    public int Version => 0;

    public ElementTraits Traits => ElementTraits.Link | ElementTraits.ForbidsDependencies | ElementTraits.ForbidsSources;

    public string DefaultYaml => KindResources.DefaultYaml(Name);

    public IElement Configure(MappingNode config, IElementContext context)
    {
        config.ValidateKeys(["target"]);
        var target = ConfigValues.RequiredScalar(config, "target");
        return new LinkElement(target.Value, target.Provenance);
    }
}
