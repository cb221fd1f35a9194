using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary>
/// <c>compose</c>: stages its build dependencies, integrates them if asked, and keeps the files of
/// the chosen split domains. Runs commands only when it integrates.
/// </summary>
internal sealed class ComposeElementKind : IElementKind
{
    public string Name => "compose";

    public int Version => 0;

    // Integration runs commands, so environment and sandbox enter the key; BuildStream drops
    // that when integrate is False, which a per-kind trait cannot express.
    public ElementTraits Traits => ElementTraits.ForbidsSources | ElementTraits.RunsCommands;

    public string DefaultYaml => KindResources.DefaultYaml(Name);

    public IElement Configure(MappingNode config, IElementContext context)
    {
        config.ValidateKeys(["integrate", "include", "exclude", "include-orphans"]);
        DependencyRules.RejectConfigs(context, Name);
        DependencyRules.RejectRuntime(context, Name);
        return new ComposeElement(
            ConfigValues.RequiredBool(config, "integrate"),
            ConfigValues.RequiredStringList(config, "include"),
            ConfigValues.RequiredStringList(config, "exclude"),
            ConfigValues.RequiredBool(config, "include-orphans"));
    }
}
