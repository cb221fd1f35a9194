using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary>Checks of the declared dependencies shared by several kinds.</summary>
internal static class DependencyRules
{
    /// <summary>Fails on any dependency <c>config</c>: only build elements and script take one.</summary>
    public static void RejectConfigs(IElementContext context, string kind)
    {
        foreach (var dependency in context.Dependencies)
        {
            if (dependency.Configs.Count > 0)
                throw new LoadException(ErrorReason.InvalidDependencyConfig, dependency.Configs[0].Provenance,
                    $"Custom dependency configuration is not supported by element plugin '{kind}'");
        }
    }

    /// <summary>Fails on a dependency <c>config</c> of a dependency that is not staged for the build.</summary>
    public static void RejectRuntimeOnlyConfigs(IElementContext context)
    {
        foreach (var dependency in context.Dependencies)
        {
            if (!dependency.Type.HasFlag(DependencyType.Build) && dependency.Configs.Count > 0)
                throw new LoadException(ErrorReason.InvalidDependencyConfig, dependency.Configs[0].Provenance,
                    $"Dependency '{dependency.Name}' is runtime-only and cannot be configured",
                    "Dependency configuration applies to how build dependencies are staged.");
        }
    }

    /// <summary>Fails on runtime dependencies, for kinds whose output is only what they build.</summary>
    public static void RejectRuntime(IElementContext context, string kind)
    {
        foreach (var dependency in context.Dependencies)
        {
            if (dependency.Type.HasFlag(DependencyType.Runtime))
                throw new LoadException(ErrorReason.InvalidDependencies, dependency.Provenance,
                    $"Runtime dependencies are forbidden for '{kind}' elements ('{dependency.Name}')",
                    "Declare it under build-depends.");
        }
    }

    public static IEnumerable<DependencyDeclaration> BuildDependencies(IElementContext context) =>
        context.Dependencies.Where(d => d.Type.HasFlag(DependencyType.Build));
}
