using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Elements;

/// <summary>
/// Where each build dependency is staged (<c>config: {location: …}</c>, default <c>/</c>) and which
/// ones feed a digest environment variable (<c>digest-environment</c>). A dependency declared with
/// several configs appears once per config. Order is declaration order within each location.
/// </summary>
internal sealed class DependencyLayout
{
    private DependencyLayout(List<Placement> placements, List<Placement> digests)
    {
        Placements = placements;
        DigestVariables = digests;
    }

    /// <summary>A dependency (the name it was declared by) and a location or variable name.</summary>
    public readonly record struct Placement(string Target, string Dependency);

    /// <summary>Location → dependency, in declaration order.</summary>
    public IReadOnlyList<Placement> Placements { get; }

    /// <summary>Environment variable → dependency, in declaration order.</summary>
    public IReadOnlyList<Placement> DigestVariables { get; }

    public bool StagesOutsideRoot => Placements.Any(p => p.Target != "/");

    public static DependencyLayout Read(IElementContext context, bool allowDigestEnvironment)
    {
        DependencyRules.RejectRuntimeOnlyConfigs(context);
        string[] allowed = allowDigestEnvironment ? ["digest-environment", "location"] : ["location"];
        var placements = new List<Placement>();
        var digests = new List<Placement>();
        foreach (var dependency in DependencyRules.BuildDependencies(context))
        {
            if (dependency.Configs.Count == 0)
            {
                placements.Add(new("/", dependency.Name));
                continue;
            }
            foreach (var config in dependency.Configs)
            {
                config.ValidateKeys(allowed);
                var location = ConfigValues.OptionalScalar(config, "location")?.Value ?? "/";
                placements.Add(new(location, dependency.Name));
                if (ConfigValues.OptionalScalar(config, "digest-environment") is { } variable)
                    digests.Add(new(variable.Value, dependency.Name));
            }
        }
        return new DependencyLayout(placements, digests);
    }

    /// <summary><c>{location: [dependency, …]}</c> with locations sorted.</summary>
    public JsonObject LocationsKey() => Group(Placements);

    /// <summary><c>{variable: [dependency, …]}</c> with variables sorted.</summary>
    public JsonObject DigestKey() => Group(DigestVariables);

    /// <summary>The placements as the engine stages them, in declaration order.</summary>
    public IReadOnlyList<DependencyPlacement> Plan() =>
        Placements.Select(p => new DependencyPlacement(p.Target, p.Dependency)).ToList();

    private static JsonObject Group(IEnumerable<Placement> placements)
    {
        var result = new JsonObject();
        foreach (var group in placements.GroupBy(p => p.Target, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            result[group.Key] = NodeJson.Strings(group.Select(p => p.Dependency));
        return result;
    }
}
