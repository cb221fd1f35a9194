using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary><c>import</c>: the staged sources (a subdirectory of them) become the artifact.</summary>
internal sealed class ImportElementKind : IElementKind
{
    public string Name => "import";

    public int Version => 0;

    public ElementTraits Traits => ElementTraits.RequiresSources;

    public string DefaultYaml => KindResources.DefaultYaml(Name);

    public IElement Configure(MappingNode config, IElementContext context)
    {
        config.ValidateKeys(["source", "target"]);
        DependencyRules.RejectConfigs(context, Name);
        return new ImportElement(
            ConfigValues.RequiredScalar(config, "source").Value,
            ConfigValues.RequiredScalar(config, "target").Value);
    }
}
