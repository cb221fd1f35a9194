using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary>
/// The kinds that run configure, build, install and strip command lists in a sandbox (manual, make,
/// autotools, cmake, meson, cargo). They differ only in their default YAML.
/// </summary>
internal sealed class BuildElementKind(string name) : IElementKind
{
    /// <summary>The phases in the order they run; also the only keys <c>config</c> accepts.</summary>
    public static readonly string[] CommandSteps = ["configure-commands", "build-commands", "install-commands", "strip-commands"];

    public string Name => name;

    public int Version => 0;

    public ElementTraits Traits => ElementTraits.RunsCommands;

    public string DefaultYaml => KindResources.DefaultYaml(name);

    public IElement Configure(MappingNode config, IElementContext context)
    {
        config.ValidateKeys(CommandSteps);
        var groups = new CommandGroup[CommandSteps.Length];
        for (var i = 0; i < CommandSteps.Length; i++)
            groups[i] = new CommandGroup(CommandSteps[i], ConfigValues.StringList(config, CommandSteps[i]));

        var subdir = context.GetVariable("command-subdir");
        // BuildStream tests the variable's text, not its truth: any non-empty value (even
        // "False") marks the element not parallel in the key.
        var notParallel = !string.IsNullOrEmpty(context.GetVariable("notparallel"));
        var layout = DependencyLayout.Read(context, allowDigestEnvironment: true);
        return new BuildElement(groups, string.IsNullOrEmpty(subdir) ? null : subdir, notParallel, layout);
    }
}
