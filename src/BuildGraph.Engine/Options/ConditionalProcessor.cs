using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>
/// BuildStream's <c>OptionPool.process_node</c>: on each mapping, first fail on a <c>(!)</c>, then
/// remove <c>(?)</c> and compose every true branch onto the mapping; repeat while composition brings
/// a new <c>(?)</c>; then descend into mapping values and into mappings inside (nested) lists.
/// </summary>
internal static class ConditionalProcessor
{
    public static void Process(OptionPool pool, MappingNode node, IReadOnlyCollection<string>? restricted)
    {
        while (ProcessTop(pool, node, restricted))
        {
        }
        foreach (var (_, value) in node.Entries)
            ProcessValue(pool, value);
    }

    private static void ProcessValue(OptionPool pool, Node value)
    {
        switch (value)
        {
            case MappingNode mapping:
                Process(pool, mapping, restricted: null);
                break;
            case SequenceNode list:
                foreach (var item in list.Items)
                    ProcessValue(pool, item);
                break;
        }
    }

    // Returns true when a (?) was found and applied, so the caller looks again.
    private static bool ProcessTop(OptionPool pool, MappingNode node, IReadOnlyCollection<string>? restrictedKeys)
    {
        // The assertion is checked first so that a later branch cannot overwrite a triggered one.
        if (node.TryGet(Composite.Assertion, out var assertion))
        {
            if (assertion is not ScalarNode message)
                throw new LoadException(ErrorReason.InvalidData, assertion.Provenance,
                    $"Value of '{Composite.Assertion}' is not of the expected type 'string' (found a {assertion.TypeName})");
            throw new LoadException(ErrorReason.UserAssertion, message.Provenance, message.Value.Trim());
        }
        if (!node.TryGet(Composite.Conditionals, out var conditionsNode))
            return false;
        if (conditionsNode is not SequenceNode conditions)
            throw new LoadException(ErrorReason.InvalidData, conditionsNode.Provenance,
                $"Value of '{Composite.Conditionals}' is not of the expected type 'list' (found a {conditionsNode.TypeName})",
                "Write conditionals as a list of single-key mappings: '- expression: {…}'.");
        node.Remove(Composite.Conditionals);
        foreach (var item in conditions.Items)
            ApplyCondition(pool, node, item, restrictedKeys);
        return true;
    }

    private static void ApplyCondition(OptionPool pool, MappingNode node, Node item, IReadOnlyCollection<string>? restrictedKeys)
    {
        if (item is not MappingNode { Count: 1 } condition)
            throw new LoadException(ErrorReason.InvalidData, item.Provenance,
                item is MappingNode ? "Conditional statement has more than one key" : $"Conditional statement is a {item.TypeName}, expected a dictionary",
                "Each item of '(?)' is one 'expression: {…}' mapping.");
        var (expression, value) = condition.Entries.First();
        var apply = pool.Evaluate(expression, condition.Provenance);
        if (value is not MappingNode fragment)
            throw new LoadException(ErrorReason.IllegalComposite, condition.Provenance,
                "Only values of type 'dict' can be composed.");
        foreach (var key in restrictedKeys ?? [])
        {
            if (fragment[key] is { } forbidden)
                throw new LoadException(ErrorReason.IllegalComposite, forbidden.Provenance,
                    $"The '{key}' key cannot be specified conditionally.");
        }
        if (apply)
            Composite.Onto(node, fragment);
    }
}
