namespace BuildGraph.Engine.Variables;

/// <summary>
/// One piece of a parsed <see cref="Template"/>: literal text copied as is, or the name of a
/// variable whose resolved value is substituted.
/// </summary>
internal readonly record struct TemplateSegment(string Text, bool IsVariable)
{
    public static TemplateSegment Literal(string text) => new(text, false);

    public static TemplateSegment Variable(string name) => new(name, true);
}
