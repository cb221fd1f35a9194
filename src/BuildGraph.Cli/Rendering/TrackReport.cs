using System.Text.Json;
using System.Text.Json.Nodes;
using BuildGraph.Engine.Keys;
using BuildGraph.Engine.Tracking;
using BuildGraph.Yaml;

namespace BuildGraph.Cli.Rendering;

/// <summary>
/// Renders tracking outcomes: one line per changed source for people, and the <c>--report</c> JSON for
/// CI (per element and source: kind, URL as written, old and new ref, whether it changed, and the commit
/// subjects between the refs) from which a workflow writes a pull request description.
/// </summary>
internal static class TrackReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Lines describing each changed source, with its changes indented under it.</summary>
    public static IEnumerable<string> Describe(ElementTrackOutcome outcome)
    {
        foreach (var source in outcome.Sources.Where(s => s.Changed))
        {
            yield return $"{outcome.Element.FullName}: {source.Source.Kind} {source.Url}: {Short(source.OldRef)} -> {Short(source.NewRef)}";
            foreach (var change in source.Changes)
                yield return "    " + change;
        }
    }

    public static string Json(IReadOnlyList<ElementTrackOutcome> outcomes, IReadOnlyList<string> files, bool written)
    {
        var elements = new JsonArray();
        foreach (var outcome in outcomes)
        {
            var sources = new JsonArray();
            foreach (var source in outcome.Sources)
            {
                sources.Add(new JsonObject
                {
                    ["index"] = source.Index,
                    ["kind"] = source.Source.Kind,
                    ["url"] = source.Url,
                    ["directory"] = source.Source.Directory,
                    ["old-ref"] = Ref(source.OldRef),
                    ["new-ref"] = Ref(source.NewRef ?? source.OldRef),
                    ["changed"] = source.Changed,
                    ["changes"] = new JsonArray(source.Changes.Select(c => (JsonNode?)c).ToArray()),
                });
            }
            elements.Add(new JsonObject
            {
                ["element"] = outcome.Element.FullName,
                ["kind"] = outcome.Element.KindName,
                ["changed"] = outcome.Changed,
                ["error"] = outcome.Error?.Render(),
                ["sources"] = sources,
            });
        }
        var root = new JsonObject
        {
            ["changed"] = outcomes.Any(o => o.Changed),
            ["written"] = written,
            ["files"] = new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
            ["elements"] = elements,
        };
        return root.ToJsonString(Indented) + "\n";
    }

    private static JsonNode? Ref(Node? node) => node is null ? null : NodeJson.Convert(node);

    private static string Short(Node? node) => node switch
    {
        null => "(none)",
        ScalarNode s => s.Value,
        SequenceNode q => $"[{q.Count} entries]",
        _ => "{…}",
    };
}
