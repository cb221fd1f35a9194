using System.Collections.Concurrent;

namespace BuildGraph.Engine.Variables;

/// <summary>
/// A string parsed once into literal and <c>%{name}</c> segments. Parsed forms are immutable and
/// cached process-wide by source text, because thousands of elements share the same defaults.
/// Thread-safe.
/// </summary>
internal sealed class Template
{
    private static readonly ConcurrentDictionary<string, Template> s_cache = new(StringComparer.Ordinal);

    private Template(string source, TemplateSegment[] segments)
    {
        Source = source;
        Segments = segments;
        foreach (var segment in segments)
        {
            if (segment.IsVariable)
                ReferenceCount++;
            else
                LiteralLength += segment.Text.Length;
        }
    }

    public string Source { get; }

    public TemplateSegment[] Segments { get; }

    /// <summary>False when the template is plain text and expands to <see cref="Source"/> itself.</summary>
    public bool HasReferences => ReferenceCount > 0;

    /// <summary>How many <c>%{name}</c> segments there are (counting repeats).</summary>
    public int ReferenceCount { get; }

    /// <summary>Total length of the literal segments, to size the expanded string.</summary>
    public int LiteralLength { get; }

    /// <summary>The name when the whole template is exactly one reference, such as <c>%{prefix}</c>.</summary>
    public string? SoleReference =>
        Segments.Length == 1 && Segments[0].IsVariable ? Segments[0].Text : null;

    public static Template Get(string text) =>
        s_cache.TryGetValue(text, out var cached) ? cached : s_cache.GetOrAdd(text, TemplateParser.Parse(text));

    internal static Template Create(string source, TemplateSegment[] segments) => new(source, segments);
}
