using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BuildGraph.Engine.Keys;

/// <summary>
/// JSON with sorted keys, no whitespace, ASCII only and '/' unescaped: the same bytes for the same
/// value on every machine, as cache keys need.
/// </summary>
public static class CanonicalJson
{
    public static string Serialize(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    /// <summary>Writes a YAML node as canonical JSON: mappings with sorted keys, every scalar a string.</summary>
    public static void Write(StringBuilder sb, BuildGraph.Yaml.Node node)
    {
        switch (node)
        {
            case BuildGraph.Yaml.ScalarNode scalar:
                WriteString(sb, scalar.Value);
                break;
            case BuildGraph.Yaml.SequenceNode sequence:
                sb.Append('[');
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    Write(sb, sequence.Items[i]);
                }
                sb.Append(']');
                break;
            case BuildGraph.Yaml.MappingNode mapping:
                var keys = mapping.Keys.ToArray();
                Array.Sort(keys, StringComparer.Ordinal);
                sb.Append('{');
                for (var i = 0; i < keys.Length; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    WriteString(sb, keys[i]);
                    sb.Append(':');
                    Write(sb, mapping[keys[i]]!);
                }
                sb.Append('}');
                break;
        }
    }

    public static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                var pairs = obj.ToArray();
                Array.Sort(pairs, (a, b) => string.CompareOrdinal(a.Key, b.Key));
                foreach (var (key, value) in pairs)
                {
                    if (!first)
                        sb.Append(',');
                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    Write(sb, value);
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    Write(sb, array[i]);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Number:
                sb.Append(value.ToJsonString());
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
