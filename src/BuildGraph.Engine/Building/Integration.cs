using BuildGraph.Abstractions;
using BuildGraph.Engine.Graph;

namespace BuildGraph.Engine.Building;

/// <summary>The integration commands an element gives its consumers (a filter may pass on its dependency's).</summary>
internal static class Integration
{
    public static List<string> CommandsOf(Element element)
    {
        var own = element.Public.TryGetMapping("bst")?.GetStringList("integration-commands") ?? new List<string>();
        if (element.Plugin.Assembly is FilterPlan { PassIntegration: true } filter)
        {
            var filtered = element.BuildDependencies.FirstOrDefault(d => d.FullName == filter.Filtered || d.Name == filter.Filtered);
            if (filtered is not null)
                own.AddRange(CommandsOf(filtered));
        }
        return own;
    }
}
