using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// A kind's default YAML as one project sees it: the project's split-rules under the kind's, then the
/// project's <c>elements.&lt;kind&gt;</c> overrides on top. Computed once per project and kind.
/// </summary>
internal static class KindDefaults
{
    private static readonly string[] Sections = { "variables", "environment", "environment-nocache", "config", "public", "sandbox" };

    public static MappingNode Compose(Project project, IElementKind kind)
    {
        var defaults = kind.DefaultYaml.Length == 0
            ? new MappingNode(Provenance.Unknown(kind.Name + ".yaml"))
            : YamlLoader.LoadString(kind.DefaultYaml, $"{kind.Name}.yaml (plugin defaults)");
        defaults.ValidateKeys(Sections);
        var bst = defaults.GetOrAddMapping("public").GetOrAddMapping("bst");
        var splits = (MappingNode)project.SplitRules.Clone();
        if (bst.TryGetMapping("split-rules") is { } kindSplits)
            Composite.Onto(splits, kindSplits);
        bst.Set("split-rules", splits);
        if (project.ElementOverrides.TryGetMapping(kind.Name) is { } overrides)
            Composite.Onto(defaults, overrides);
        return defaults;
    }
}
