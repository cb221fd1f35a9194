using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary><c>filter</c>: a subset, by split domains, of exactly one build dependency's artifact.</summary>
internal sealed class FilterElementKind : IElementKind
{
    public string Name => "filter";

    public int Version => 1;

    public ElementTraits Traits => ElementTraits.ForbidsSources;

    public string DefaultYaml => KindResources.DefaultYaml(Name);

    public IElement Configure(MappingNode config, IElementContext context)
    {
        config.ValidateKeys(["include", "exclude", "include-orphans", "pass-integration"]);
        DependencyRules.RejectConfigs(context, Name);
        var buildDependencies = DependencyRules.BuildDependencies(context).ToList();
        if (buildDependencies.Count != 1)
            throw new LoadException(ErrorReason.InvalidDependencies,
                buildDependencies.Count > 1 ? buildDependencies[1].Provenance : context.Provenance,
                $"A filter element must have exactly 1 build dependency, it has {buildDependencies.Count}",
                buildDependencies.Count == 0 ? null : "Build dependencies: " + string.Join(", ", buildDependencies.Select(d => d.Name)));
        var filtered = buildDependencies[0];
        if (filtered.Type.HasFlag(DependencyType.Runtime))
            throw new LoadException(ErrorReason.InvalidDependencies, filtered.Provenance,
                $"The build dependency of a filter element must not also be a runtime dependency ('{filtered.Name}')",
                "Declare it under build-depends.");
        return new FilterElement(
            ConfigValues.RequiredStringList(config, "include"),
            ConfigValues.RequiredStringList(config, "exclude"),
            ConfigValues.RequiredBool(config, "include-orphans"),
            config.GetBool("pass-integration", false),
            filtered.Name);
    }
}
