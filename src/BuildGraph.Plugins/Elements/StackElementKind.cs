using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary><c>stack</c>: a named group of dependencies with no artifact content.</summary>
internal sealed class StackElementKind : IElementKind
{
    public string Name => "stack";

    public int Version => 0;

    public ElementTraits Traits => ElementTraits.ForbidsSources;

    public string DefaultYaml => KindResources.DefaultYaml(Name);

    public IElement Configure(MappingNode config, IElementContext context)
    {
        // BuildStream's stack reads no configuration and so never rejects a key; projects that
        // left a stray config: in a stack load there, so they load here too.
        DependencyRules.RejectConfigs(context, Name);
        foreach (var dependency in context.Dependencies)
        {
            if (dependency.Type != DependencyType.All)
                throw new LoadException(ErrorReason.InvalidDependencies, dependency.Provenance,
                    $"All dependencies of 'stack' elements must be both build and runtime dependencies ('{dependency.Name}' is not)",
                    "Declare every dependency in the depends list, without a type.");
        }
        return StackElement.Instance;
    }
}
