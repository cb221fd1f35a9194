namespace BuildGraph.Yaml;

/// <summary>
/// BuildStream's composition: an upper layer composed onto a lower one. Mappings merge per key,
/// scalars and plain lists replace, list directives (<c>(=)</c>, <c>(&lt;)</c>, <c>(&gt;)</c>) edit the
/// list below, and two <c>(?)</c> conditional lists concatenate.
/// </summary>
public static class Composite
{
    public const string Replace = "(=)";
    public const string Prepend = "(<)";
    public const string Append = "(>)";
    public const string Conditionals = "(?)";
    public const string Assertion = "(!)";
    public const string Include = "(@)";

    /// <summary>Composes <paramref name="upper"/> onto <paramref name="target"/>, mutating the target.</summary>
    public static void Onto(MappingNode target, MappingNode upper)
    {
        foreach (var (key, value) in upper.Entries)
            ComposeEntry(target, key, value, upper.KeyProvenance(key));
    }

    /// <summary>
    /// Composes <paramref name="lower"/> under <paramref name="target"/>: the target keeps its values and
    /// gains what only the lower layer has. Used for includes, where the includer wins.
    /// </summary>
    public static void Under(MappingNode target, MappingNode lower)
    {
        var merged = (MappingNode)lower.Clone();
        Onto(merged, target);
        var keys = target.Keys.ToList();
        foreach (var key in keys)
            target.Remove(key);
        foreach (var (key, value) in merged.Entries)
            target.Set(key, value, merged.KeyProvenance(key));
    }

    private static void ComposeEntry(MappingNode target, string key, Node value, Provenance keyProvenance)
    {
        var existing = target[key];
        switch (value)
        {
            case ScalarNode scalar:
                if (existing is not null and not ScalarNode)
                    throw Illegal(scalar, $"Cannot compose a string onto the {existing.TypeName} '{key}' at {existing.Provenance}");
                target.Set(key, scalar, keyProvenance);
                break;
            case SequenceNode list:
                if (key == Conditionals && existing is SequenceNode lowerConditionals)
                {
                    var joined = (SequenceNode)lowerConditionals.Clone();
                    foreach (var item in list.Items)
                        joined.Items.Add(item.Clone());
                    target.Set(key, joined, keyProvenance);
                    break;
                }
                if (existing is not null and not SequenceNode && !(existing is MappingNode m && IsDirective(m)))
                    throw Illegal(list, $"Cannot compose a list onto the {existing.TypeName} '{key}' at {existing.Provenance}");
                target.Set(key, list.Clone(), keyProvenance);
                break;
            case MappingNode mapping:
                if (IsDirective(mapping))
                {
                    switch (existing)
                    {
                        case null:
                            target.Set(key, mapping.Clone(), keyProvenance);
                            break;
                        case SequenceNode lowerList:
                            target.Set(key, ApplyDirective(mapping, lowerList), keyProvenance);
                            break;
                        case MappingNode lowerDirective when IsDirective(lowerDirective):
                            target.Set(key, StackDirectives(mapping, lowerDirective), keyProvenance);
                            break;
                        default:
                            throw Illegal(mapping, $"List directives cannot apply to the {existing.TypeName} '{key}' at {existing.Provenance}");
                    }
                    break;
                }
                if (existing is null)
                {
                    var created = new MappingNode(mapping.Provenance);
                    Onto(created, mapping);
                    target.Set(key, created, keyProvenance);
                }
                else if (existing is MappingNode lowerMapping && !IsDirective(lowerMapping))
                {
                    Onto(lowerMapping, mapping);
                }
                else
                {
                    throw Illegal(mapping, $"Cannot compose a dictionary onto the {existing.TypeName} '{key}' at {existing.Provenance}");
                }
                break;
        }
    }

    /// <summary>True when the mapping holds list directives; mixing them with other keys is an error.</summary>
    public static bool IsDirective(MappingNode mapping)
    {
        bool directives = false, others = false;
        foreach (var key in mapping.Keys)
        {
            if (key is Replace or Prepend or Append)
                directives = true;
            else
                others = true;
        }
        if (directives && others)
            throw new LoadException(ErrorReason.IllegalComposite, mapping.Provenance,
                "Dictionary contains list directives ((=), (<), (>)) and other keys",
                "A mapping that edits a list may only hold (=), (<) and (>).");
        return directives;
    }

    private static SequenceNode ApplyDirective(MappingNode directive, SequenceNode lower)
    {
        var result = new SequenceNode(lower.Provenance);
        var replacement = DirectiveList(directive, Replace);
        var source = replacement ?? lower;
        foreach (var item in source.Items)
            result.Items.Add(item.Clone());
        if (DirectiveList(directive, Prepend) is { } prefix)
            result.Items.InsertRange(0, prefix.Items.Select(i => i.Clone()));
        if (DirectiveList(directive, Append) is { } suffix)
            result.Items.AddRange(suffix.Items.Select(i => i.Clone()));
        return result;
    }

    private static MappingNode StackDirectives(MappingNode upper, MappingNode lower)
    {
        var result = (MappingNode)lower.Clone();
        var prefix = DirectiveList(upper, Prepend);
        var suffix = DirectiveList(upper, Append);
        if (DirectiveList(upper, Replace) is { } replacement)
        {
            result.Set(Replace, replacement.Clone());
            result.Remove(Prepend);
            result.Remove(Append);
            if (prefix is not null)
                result.Set(Prepend, prefix.Clone());
            if (suffix is not null)
                result.Set(Append, suffix.Clone());
            return result;
        }
        if (prefix is not null)
        {
            var stacked = (SequenceNode)prefix.Clone();
            if (DirectiveList(result, Prepend) is { } lowerPrefix)
                stacked.Items.AddRange(lowerPrefix.Items);
            result.Set(Prepend, stacked);
        }
        if (suffix is not null)
        {
            var stacked = DirectiveList(result, Append) is { } lowerSuffix
                ? (SequenceNode)lowerSuffix.Clone()
                : new SequenceNode(suffix.Provenance);
            stacked.Items.AddRange(suffix.Items.Select(i => i.Clone()));
            result.Set(Append, stacked);
        }
        return result;
    }

    private static SequenceNode? DirectiveList(MappingNode directive, string key)
    {
        var node = directive[key];
        return node switch
        {
            null => null,
            SequenceNode s => s,
            _ => throw new LoadException(ErrorReason.IllegalComposite, node.Provenance,
                $"List directive {key} must be followed by a list, found a {node.TypeName}"),
        };
    }

    /// <summary>
    /// Fails on any list directive left without a list under it, once all layers are composed.
    /// </summary>
    public static void AssertFullyComposited(Node node)
    {
        switch (node)
        {
            case MappingNode mapping:
                foreach (var (key, value) in mapping.Entries)
                {
                    if (value is MappingNode m && IsDirective(m))
                        throw new LoadException(ErrorReason.TrailingListDirective, mapping.KeyProvenance(key),
                            $"Attempt to override non-existing list '{key}'",
                            "(=), (<) and (>) edit a list defined in a lower layer; no layer defines this one.");
                    AssertFullyComposited(value);
                }
                break;
            case SequenceNode seq:
                foreach (var item in seq.Items)
                    AssertFullyComposited(item);
                break;
        }
    }

    /// <summary>Applies every list directive left without a list under it to an empty list.</summary>
    public static void ResolveTrailingDirectives(Node node)
    {
        switch (node)
        {
            case MappingNode mapping:
                foreach (var (key, value) in mapping.Entries.ToList())
                {
                    if (value is MappingNode m && IsDirective(m))
                        mapping.Set(key, ApplyDirective(m, new SequenceNode(m.Provenance)), mapping.KeyProvenance(key));
                    else
                        ResolveTrailingDirectives(value);
                }
                break;
            case SequenceNode seq:
                foreach (var item in seq.Items)
                    ResolveTrailingDirectives(item);
                break;
        }
    }

    private static LoadException Illegal(Node at, string message) =>
        new(ErrorReason.IllegalComposite, at.Provenance, message);
}
