namespace BuildGraph.Engine.Variables;

/// <summary>
/// Splits text on <c>%{name}</c> with name <c>[a-zA-Z][a-zA-Z0-9_-]*</c>. Anything else that
/// looks similar (<c>%{ x}</c>, <c>%{1a}</c>, an unterminated <c>%{</c>, <c>${X}</c>) is literal.
/// There is no escape: <c>%%{x}</c> is a literal <c>%</c> followed by a reference.
/// </summary>
internal static class TemplateParser
{
    public static Template Parse(string text)
    {
        var start = text.IndexOf("%{", StringComparison.Ordinal);
        if (start < 0)
            return Template.Create(text, [TemplateSegment.Literal(text)]);

        var segments = new List<TemplateSegment>();
        var literalStart = 0;
        while (start >= 0)
        {
            var nameStart = start + 2;
            var nameEnd = ScanName(text, nameStart);
            if (nameEnd > nameStart && nameEnd < text.Length && text[nameEnd] == '}')
            {
                if (start > literalStart)
                    segments.Add(TemplateSegment.Literal(text[literalStart..start]));
                segments.Add(TemplateSegment.Variable(text[nameStart..nameEnd]));
                literalStart = nameEnd + 1;
                start = text.IndexOf("%{", literalStart, StringComparison.Ordinal);
            }
            else
            {
                // Not a reference; a later "%{" may still start one (e.g. "%{%{x}").
                start = text.IndexOf("%{", start + 1, StringComparison.Ordinal);
            }
        }
        if (literalStart < text.Length)
            segments.Add(TemplateSegment.Literal(text[literalStart..]));
        return Template.Create(text, segments.ToArray());
    }

    /// <summary>The index just past a valid variable name starting at <paramref name="start"/>, or <paramref name="start"/> if none.</summary>
    private static int ScanName(string text, int start)
    {
        if (start >= text.Length || !char.IsAsciiLetter(text[start]))
            return start;
        var i = start + 1;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '-'))
            i++;
        return i;
    }
}
