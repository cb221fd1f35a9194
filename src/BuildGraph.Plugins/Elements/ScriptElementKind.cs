using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary>
/// <c>script</c>: runs commands over its staged build dependencies (each at <c>/</c> or at its
/// <c>config: {location: …}</c>); the artifact is <c>%{install-root}</c>.
/// </summary>
internal sealed class ScriptElementKind : IElementKind
{
    public string Name => "script";

    public int Version => 0;

    public ElementTraits Traits => ElementTraits.ForbidsSources | ElementTraits.RunsCommands;

    public string DefaultYaml => KindResources.DefaultYaml(Name);

    public IElement Configure(MappingNode config, IElementContext context)
    {
        config.ValidateKeys(["commands", "root-read-only"]);
        DependencyRules.RejectRuntime(context, Name);
        var layout = DependencyLayout.Read(context, allowDigestEnvironment: false);
        var cwd = context.GetVariable("cwd");
        var installRoot = context.GetVariable("install-root");
        return new ScriptElement(
            ConfigValues.RequiredStringList(config, "commands"),
            string.IsNullOrEmpty(cwd) ? "/" : cwd,
            string.IsNullOrEmpty(installRoot) ? "/" : installRoot,
            config.GetBool("root-read-only", false),
            layout);
    }
}
