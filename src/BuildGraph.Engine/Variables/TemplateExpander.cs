namespace BuildGraph.Engine.Variables;

/// <summary>Substitutes already-resolved values into a parsed <see cref="Template"/>, in one pass.</summary>
internal static class TemplateExpander
{
    // Reused per thread so composite values cost one string allocation and no scratch array.
    [ThreadStatic]
    private static string[]? t_parts;

    /// <summary>
    /// The expanded text, or null with <paramref name="missing"/> set to the first name that is not
    /// in <paramref name="index"/>. Every referenced value must already be resolved.
    /// </summary>
    public static string? TryExpand(Template template, Dictionary<string, int> index, string?[] values, out string? missing)
    {
        missing = null;
        if (!template.HasReferences)
            return template.Source;

        var segments = template.Segments;
        if (template.SoleReference is { } sole)
            return Lookup(sole, index, values, ref missing);

        var parts = t_parts is { } buffer && buffer.Length >= segments.Length
            ? buffer
            : t_parts = new string[Math.Max(segments.Length, 16)];
        try
        {
            for (var i = 0; i < segments.Length; i++)
            {
                var segment = segments[i];
                if (!segment.IsVariable)
                    parts[i] = segment.Text;
                else if (Lookup(segment.Text, index, values, ref missing) is { } value)
                    parts[i] = value;
                else
                    return null;
            }
            return string.Concat(new ReadOnlySpan<string?>(parts, 0, segments.Length));
        }
        finally
        {
            Array.Clear(parts, 0, segments.Length);
        }
    }

    private static string? Lookup(string name, Dictionary<string, int> index, string?[] values, ref string? missing)
    {
        if (index.TryGetValue(name, out var i))
            return values[i] ?? throw new InvalidOperationException($"Variable '{name}' used before it was resolved");
        missing = name;
        return null;
    }
}
