using System.Text.Json.Nodes;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins;

/// <summary>Converts YAML nodes and plain values to the JSON that cache keys are made of.</summary>
internal static class NodeJson
{
    /// <summary>The node as JSON: mappings keep their key order, every scalar is a string.</summary>
    public static JsonNode From(Node node)
    {
        switch (node)
        {
            case ScalarNode scalar:
                return JsonValue.Create(scalar.Value);
            case SequenceNode sequence:
                {
                    var array = new JsonArray();
                    foreach (var item in sequence.Items)
                        array.Add(From(item));
                    return array;
                }
            case MappingNode mapping:
                {
                    var obj = new JsonObject();
                    foreach (var (key, value) in mapping.Entries)
                        obj[key] = From(value);
                    return obj;
                }
            default:
                throw new InvalidOperationException($"Unknown node type {node.GetType().Name}");
        }
    }

    public static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
            array.Add(JsonValue.Create(value));
        return array;
    }

    /// <summary>The strings sorted ordinally, as Python's <c>sorted()</c> orders them.</summary>
    public static JsonArray SortedStrings(IEnumerable<string> values) =>
        Strings(values.Order(StringComparer.Ordinal));
}
