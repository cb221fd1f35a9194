using YamlDotNet.Core;

namespace BuildGraph.Yaml.Editing;

/// <summary>
/// Changes values of mappings in YAML text in place, keeping everything else (comments, blank lines,
/// key order, quoting, line endings) byte for byte: each edit replaces only the character span of the
/// old value, found from the parser's marks, or inserts a new last key at the mapping's indentation.
/// Edits are recorded against the original text and applied together, so several sources of one file
/// may be updated in one pass. Not thread-safe.
/// </summary>
public sealed class YamlTextEditor
{
    private readonly string _text;
    private readonly SpanNode? _root;
    private readonly string _newline;
    private readonly List<Edit> _edits = new();

    /// <exception cref="LoadException">The text is not valid YAML (error at <paramref name="displayName"/>).</exception>
    public YamlTextEditor(string text, string displayName)
    {
        _text = text;
        _newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        try
        {
            _root = SpanNode.Parse(text);
        }
        catch (YamlException e)
        {
            throw new LoadException(ErrorReason.InvalidYaml, new Provenance(displayName, (int)e.Start.Line, (int)e.Start.Column),
                $"Malformed YAML: {e.Message}");
        }
    }

    private readonly record struct Edit(int Start, int End, string Text, (int Mapping, string Key) Owner);

    /// <summary>True when some value was set.</summary>
    public bool HasEdits => _edits.Count > 0;

    /// <summary>
    /// Sets <paramref name="key"/> of the mapping that starts at <paramref name="line"/>, <paramref name="column"/>
    /// (1-based, as provenance gives them) to <paramref name="value"/>. A later call for the same mapping and key
    /// replaces the earlier one. Returns false when no mapping starts there.
    /// </summary>
    public bool SetValue(int line, int column, string key, Node value)
    {
        if (_root?.FindMapping(line, column) is not { } mapping)
            return false;
        var entry = mapping.Entries.FirstOrDefault(e => e.Key.Kind == SpanNode.NodeKind.Scalar && e.Key.Value == key);
        var edit = entry.Key is null ? Insert(mapping, key, value) : Replace(mapping, entry.Key, entry.Value, value);
        _edits.RemoveAll(e => e.Owner == edit.Owner);
        _edits.Add(edit);
        return true;
    }

    /// <summary>True when a mapping starts at <paramref name="line"/>, <paramref name="column"/> (1-based).</summary>
    public bool HasMapping(int line, int column) => _root?.FindMapping(line, column) is not null;

    /// <summary>The text with every edit applied (the original text when there are none).</summary>
    public string Apply()
    {
        var ordered = _edits.OrderBy(e => e.Start).ThenBy(e => e.End).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Start < ordered[i - 1].End)
                throw new InvalidOperationException($"Overlapping YAML edits at {ordered[i - 1].Start} and {ordered[i].Start}");
        }
        var sb = new System.Text.StringBuilder(_text.Length + ordered.Sum(e => e.Text.Length));
        var position = 0;
        foreach (var edit in ordered)
        {
            sb.Append(_text, position, edit.Start - position).Append(edit.Text);
            position = edit.End;
        }
        return sb.Append(_text, position, _text.Length - position).ToString();
    }

    private Edit Replace(SpanNode mapping, SpanNode key, SpanNode old, Node value)
    {
        var owner = (mapping.Start, key.Value);
        var afterColon = ColonEnd(key);
        if (value is SequenceNode { Count: > 0 } list && !mapping.IsFlow)
        {
            if (old.Kind == SpanNode.NodeKind.Sequence && !old.IsFlow)
            {
                // Regenerated in place, items in the style the first old item used.
                var flowItems = old.Items[0].Kind == SpanNode.NodeKind.Mapping && old.Items[0].IsFlow;
                return new Edit(old.Start, old.ContentEnd, Lines(ValueText.BlockSequence(list, flowItems), old.Column - 1), owner);
            }
            if (!(old.Kind == SpanNode.NodeKind.Sequence && old.Items.Count > 0))
                return BlockUnderKey(afterColon, old.IsEmptyScalar ? afterColon : old.ContentEnd, list, key.Column - 1, owner);
        }
        if (old.IsEmptyScalar || (old.Kind != SpanNode.NodeKind.Scalar && !old.IsFlow))
        {
            // Nothing (or a block collection) after the colon: the new value goes right after it.
            var end = old.IsEmptyScalar ? SkipBlanks(afterColon) : old.ContentEnd;
            var gap = end < _text.Length && _text[end] == '#' ? " " : "";
            return new Edit(afterColon, end, " " + Inline(value, ScalarStyle.Plain, mapping.IsFlow) + gap, owner);
        }
        var style = old.Kind == SpanNode.NodeKind.Scalar ? old.Style : ScalarStyle.Plain;
        return new Edit(old.Start, old.ContentEnd, Inline(value, style, mapping.IsFlow), owner);
    }

    private Edit Insert(SpanNode mapping, string key, Node value)
    {
        var owner = (mapping.Start, key);
        var keyText = YamlWriter.Quote(key);
        if (mapping.IsFlow)
        {
            var last = mapping.ContentEnd - 2;
            while (last > mapping.Start && char.IsWhiteSpace(_text[last]))
                last--;
            var separator = _text[last] is ',' or '{' ? " " : ", ";
            return new Edit(last + 1, last + 1, separator + keyText + ": " + Inline(value, ScalarStyle.Plain, flow: true), owner);
        }
        var indent = mapping.Column - 1;
        var at = LineStartAfter(mapping.ContentEnd);
        var lead = at == _text.Length && at > 0 && _text[^1] != '\n' ? _newline : "";
        var pad = new string(' ', indent);
        var text = value is SequenceNode { Count: > 0 } list
            ? keyText + ":" + _newline + pad + Lines(ValueText.BlockSequence(list, flowItems: false), indent)
            : keyText + ": " + Inline(value, ScalarStyle.Plain, flow: false);
        return new Edit(at, at, lead + pad + text + (lead.Length > 0 ? "" : _newline), owner);
    }

    /// <summary>
    /// A block list on the lines after the key (dashes at the key's indentation), keeping a comment that
    /// followed the old value on the key's line.
    /// </summary>
    private Edit BlockUnderKey(int afterColon, int oldEnd, SequenceNode list, int indent, (int, string) owner)
    {
        var eol = LineEnd(Math.Max(afterColon, oldEnd));
        var rest = _text[Math.Max(afterColon, oldEnd)..eol].Trim();
        var comment = rest.StartsWith('#') ? " " + rest : "";
        var text = comment + _newline + new string(' ', indent) + Lines(ValueText.BlockSequence(list, flowItems: false), indent);
        return new Edit(afterColon, eol, text, owner);
    }

    private static string Inline(Node value, ScalarStyle style, bool flow) =>
        value is ScalarNode scalar ? ValueText.Scalar(scalar.Value, style, flow) : ValueText.Flow(value);

    /// <summary>Joins lines, indenting all but the first (which starts where the old value started).</summary>
    private string Lines(List<string> lines, int indent) =>
        string.Join(_newline + new string(' ', indent), lines);

    private int ColonEnd(SpanNode key)
    {
        var i = key.ContentEnd;
        while (i < _text.Length && _text[i] is ' ' or '\t')
            i++;
        return i < _text.Length && _text[i] == ':' ? i + 1 : key.ContentEnd;
    }

    private int SkipBlanks(int i)
    {
        while (i < _text.Length && _text[i] is ' ' or '\t')
            i++;
        return i;
    }

    /// <summary>Index of the line break ending the line holding <paramref name="i"/> (before a <c>\r\n</c>).</summary>
    private int LineEnd(int i)
    {
        var newline = _text.IndexOf('\n', i);
        if (newline < 0)
            return _text.Length;
        return newline > i && _text[newline - 1] == '\r' ? newline - 1 : newline;
    }

    /// <summary>The start of the line after the one holding the character before <paramref name="i"/>.</summary>
    private int LineStartAfter(int i)
    {
        if (i == 0 || _text[i - 1] == '\n')
            return i;
        var newline = _text.IndexOf('\n', i);
        return newline < 0 ? _text.Length : newline + 1;
    }
}
