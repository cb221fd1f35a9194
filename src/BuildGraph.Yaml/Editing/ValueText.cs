using YamlDotNet.Core;

namespace BuildGraph.Yaml.Editing;

/// <summary>Renders replacement values in the style of the text they go into.</summary>
internal static class ValueText
{
    private const string FlowIndicators = ",[]{}#";

    /// <summary>A scalar in <paramref name="style"/> (plain ones quoted only when they must be).</summary>
    public static string Scalar(string value, ScalarStyle style, bool flow)
    {
        if (value.Any(char.IsControl))
            return DoubleQuoted(value);
        return style switch
        {
            ScalarStyle.SingleQuoted => SingleQuoted(value),
            ScalarStyle.DoubleQuoted => DoubleQuoted(value),
            _ => flow ? FlowPlain(value) : YamlWriter.Quote(value),
        };
    }

    /// <summary>Any node on one line: <c>{a: b, c: d}</c>, <c>[x, y]</c> or a scalar.</summary>
    public static string Flow(Node node) => node switch
    {
        ScalarNode s => Scalar(s.Value, ScalarStyle.Plain, flow: true),
        MappingNode m => "{" + string.Join(", ", m.Entries.Select(e => FlowPlain(e.Key) + ": " + Flow(e.Value))) + "}",
        SequenceNode q => "[" + string.Join(", ", q.Items.Select(Flow)) + "]",
        _ => throw new InvalidOperationException($"Unknown node type {node.GetType()}"),
    };

    /// <summary>
    /// A non-empty list in block style, one string per line without indentation (nested lines are
    /// indented relative to the dash); <paramref name="flowItems"/> writes each item as <c>- {…}</c>.
    /// </summary>
    public static List<string> BlockSequence(SequenceNode sequence, bool flowItems)
    {
        if (flowItems)
            return sequence.Items.Select(item => "- " + Flow(item)).ToList();
        return YamlWriter.Write(sequence).TrimEnd('\n').Split('\n').ToList();
    }

    private static string FlowPlain(string value)
    {
        var quoted = YamlWriter.Quote(value);
        return quoted == value && value.IndexOfAny(FlowIndicators.ToCharArray()) >= 0 ? SingleQuoted(value) : quoted;
    }

    private static string SingleQuoted(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string DoubleQuoted(string value) => YamlWriter.DoubleQuote(value);
}
