using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tracking;

/// <summary>What tracking found for one source of an element.</summary>
/// <param name="Source">The source as loaded (old ref).</param>
/// <param name="Index">Its position in the element's source list.</param>
/// <param name="NewRef">The tracked ref; null when the kind tracks nothing (local, patch).</param>
/// <param name="Changes">Commit subjects (or crate changes) between the old and the new ref, newest first.</param>
/// <param name="AlsoWrite">Keys written beside the ref (git's tags).</param>
public sealed record SourceTrackOutcome(SourceInstance Source, int Index, Node? NewRef, IReadOnlyList<string> Changes,
    IReadOnlyList<KeyValuePair<string, Node>> AlsoWrite)
{
    public Node? OldRef => Source.Source.Ref;

    /// <summary>True when the new ref (or a key written beside it) differs from the old one and is to be written.</summary>
    public bool Changed => NewRef is not null
        && (!RefEquality.Equal(OldRef, NewRef) || AlsoWrite.Any(k => !RefEquality.Equal(Source.Config[k.Key], k.Value)));

    /// <summary>The ref and the keys beside it, as they are written.</summary>
    public IEnumerable<KeyValuePair<string, Node>> Written => [new("ref", NewRef!), .. AlsoWrite];

    /// <summary>The source's URL as written (alias and all), or its path for project-local sources.</summary>
    public string? Url => (Source.Config["url"] ?? Source.Config["path"]) is ScalarNode s ? s.Value : null;
}
