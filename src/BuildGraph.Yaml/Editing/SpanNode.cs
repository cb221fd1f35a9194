using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BuildGraph.Yaml.Editing;

/// <summary>
/// A YAML node with the exact character span it occupies in its text, read from the parser's event
/// marks: what <see cref="YamlTextEditor"/> needs to replace a value without touching anything else.
/// </summary>
internal sealed class SpanNode
{
    private SpanNode(NodeKind kind, Mark start)
    {
        Kind = kind;
        Start = (int)start.Index;
        Line = (int)start.Line;
        Column = (int)start.Column;
    }

    public enum NodeKind
    {
        Scalar,
        Mapping,
        Sequence,
    }

    public NodeKind Kind { get; }

    /// <summary>Index of the node's first character (for a block sequence, its first dash).</summary>
    public int Start { get; }

    /// <summary>1-based, as <see cref="Provenance"/>.</summary>
    public int Line { get; }

    public int Column { get; }

    /// <summary>Index just past the node's last character: a scalar's end, a flow collection's closing bracket.</summary>
    public int ContentEnd { get; private set; }

    /// <summary>A flow collection (<c>{…}</c>, <c>[…]</c>).</summary>
    public bool IsFlow { get; private set; }

    public string Value { get; private set; } = "";

    public ScalarStyle Style { get; private set; }

    public List<(SpanNode Key, SpanNode Value)> Entries { get; } = new();

    public List<SpanNode> Items { get; } = new();

    /// <summary>An empty plain scalar: <c>key:</c> with nothing after it.</summary>
    public bool IsEmptyScalar => Kind == NodeKind.Scalar && Style == ScalarStyle.Plain && Value.Length == 0;

    /// <summary>Parses one YAML document; null when the text holds none.</summary>
    public static SpanNode? Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
            return null;
        parser.Consume<DocumentStart>();
        return parser.Accept<DocumentEnd>(out _) ? null : Read(parser);
    }

    /// <summary>The mapping whose first character is at <paramref name="line"/>, <paramref name="column"/>, or null.</summary>
    public SpanNode? FindMapping(int line, int column)
    {
        if (Kind == NodeKind.Mapping && Line == line && Column == column)
            return this;
        foreach (var (key, value) in Entries)
        {
            if ((key.FindMapping(line, column) ?? value.FindMapping(line, column)) is { } found)
                return found;
        }
        foreach (var item in Items)
        {
            if (item.FindMapping(line, column) is { } found)
                return found;
        }
        return null;
    }

    private static SpanNode Read(IParser parser)
    {
        var ev = parser.Current ?? throw new InvalidOperationException("Unexpected end of YAML");
        parser.MoveNext();
        switch (ev)
        {
            case Scalar scalar:
                return new SpanNode(NodeKind.Scalar, scalar.Start)
                {
                    Value = scalar.Value, Style = scalar.Style, ContentEnd = (int)scalar.End.Index,
                };
            case AnchorAlias alias:
                return new SpanNode(NodeKind.Scalar, alias.Start) { Value = "*" + alias.Value, ContentEnd = (int)alias.End.Index };
            case MappingStart start:
                {
                    var node = new SpanNode(NodeKind.Mapping, start.Start) { IsFlow = start.Style == MappingStyle.Flow };
                    while (!parser.Accept<MappingEnd>(out _))
                    {
                        var key = Read(parser);
                        node.Entries.Add((key, Read(parser)));
                    }
                    var end = parser.Consume<MappingEnd>();
                    node.ContentEnd = node.IsFlow ? (int)end.Start.Index + 1 : LastEnd(node, node.Entries.Select(e => e.Value));
                    return node;
                }
            case SequenceStart start:
                {
                    var node = new SpanNode(NodeKind.Sequence, start.Start) { IsFlow = start.Style == SequenceStyle.Flow };
                    while (!parser.Accept<SequenceEnd>(out _))
                        node.Items.Add(Read(parser));
                    var end = parser.Consume<SequenceEnd>();
                    node.ContentEnd = node.IsFlow ? (int)end.Start.Index + 1 : LastEnd(node, node.Items);
                    return node;
                }
            default:
                throw new InvalidOperationException($"Unexpected YAML event {ev.GetType().Name}");
        }
    }

    /// <summary>A block collection ends where its last value does (its end event sits at the next token).</summary>
    private static int LastEnd(SpanNode node, IEnumerable<SpanNode> children) =>
        children.Select(c => c.ContentEnd).DefaultIfEmpty(node.Start).Max();
}
