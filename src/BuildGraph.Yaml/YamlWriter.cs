using System.Text;

namespace BuildGraph.Yaml;

/// <summary>
/// Writes nodes as block YAML the way <c>bst show</c> prints them: two-space indentation, list items
/// at their parent's indentation, strings that would read back as something else quoted.
/// </summary>
public static class YamlWriter
{
    public static string Write(Node node)
    {
        var sb = new StringBuilder();
        switch (node)
        {
            case MappingNode { Count: 0 }:
                sb.Append("{}\n");
                break;
            case SequenceNode { Count: 0 }:
                sb.Append("[]\n");
                break;
            case ScalarNode s:
                sb.Append(Quote(s.Value)).Append('\n');
                break;
            default:
                WriteBlock(sb, node, 0);
                break;
        }
        return sb.ToString();
    }

    private static void WriteBlock(StringBuilder sb, Node node, int indent)
    {
        var pad = new string(' ', indent);
        if (node is MappingNode map)
        {
            foreach (var (key, value) in map.Entries)
            {
                sb.Append(pad).Append(Quote(key)).Append(':');
                WriteValue(sb, value, indent, isSequenceItem: false);
            }
        }
        else if (node is SequenceNode seq)
        {
            foreach (var item in seq.Items)
            {
                sb.Append(pad).Append('-');
                WriteValue(sb, item, indent, isSequenceItem: true);
            }
        }
    }

    private static void WriteValue(StringBuilder sb, Node value, int indent, bool isSequenceItem)
    {
        switch (value)
        {
            case ScalarNode s:
                sb.Append(' ').Append(Quote(s.Value)).Append('\n');
                break;
            case MappingNode { Count: 0 }:
                sb.Append(" {}\n");
                break;
            case SequenceNode { Count: 0 }:
                sb.Append(" []\n");
                break;
            case MappingNode m when isSequenceItem:
                {
                    // First key on the dash line, the rest aligned under it.
                    var first = true;
                    foreach (var (key, v) in m.Entries)
                    {
                        if (first)
                            sb.Append(' ');
                        else
                            sb.Append(' ', indent + 2);
                        first = false;
                        sb.Append(Quote(key)).Append(':');
                        WriteValue(sb, v, indent + 2, isSequenceItem: false);
                    }
                    break;
                }
            case SequenceNode s when isSequenceItem:
                sb.Append('\n');
                WriteBlock(sb, s, indent + 2);
                break;
            case MappingNode m:
                sb.Append('\n');
                WriteBlock(sb, m, indent + 2);
                break;
            case SequenceNode s:
                sb.Append('\n');
                WriteBlock(sb, s, indent);
                break;
        }
    }

    /// <summary>The scalar as YAML: plain when it reads back as the same string, else quoted.</summary>
    public static string Quote(string value)
    {
        if (NeedsDoubleQuotes(value))
            return DoubleQuote(value);
        if (NeedsQuotes(value))
            return "'" + value.Replace("'", "''") + "'";
        return value;
    }

    private static bool NeedsDoubleQuotes(string value)
    {
        foreach (var c in value)
        {
            if (c == '\n' || c == '\t' || char.IsControl(c))
                return true;
        }
        return false;
    }

    /// <summary>The value as a double-quoted YAML scalar, escapes and all.</summary>
    internal static string DoubleQuote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsControl(c))
                        sb.Append($"\\x{(int)c:x2}");
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
    };

    private static bool NeedsQuotes(string value)
    {
        if (value.Length == 0 || Reserved.Contains(value))
            return true;
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
            return true;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(value[0]))
        {
            // "- x", "? x", ": x" and bare indicators start YAML syntax; "-foo" or "%x" may too.
            return true;
        }
        if (value.Contains(": ") || value.Contains(" #") || value.EndsWith(':'))
            return true;
        return LooksNumeric(value);
    }

    private static bool LooksNumeric(string value)
    {
        var v = value.Replace("_", "");
        if (v.StartsWith("0x") || v.StartsWith("0o"))
            return true;
        return double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            && !v.Contains("Infinity", StringComparison.OrdinalIgnoreCase)
            || v is ".inf" or "-.inf" or ".nan" or ".NaN" or ".Inf";
    }
}
