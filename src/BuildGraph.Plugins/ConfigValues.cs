using BuildGraph.Yaml;

namespace BuildGraph.Plugins;

/// <summary>Typed reads of configuration values, failing at the value's provenance.</summary>
internal static class ConfigValues
{
    /// <summary>A required list of strings.</summary>
    public static IReadOnlyList<string> RequiredStringList(MappingNode config, string key) =>
        config.TryGetSequence(key)?.AsStrings() ?? throw Missing(config, key);

    /// <summary>An optional list of strings; empty when absent.</summary>
    public static IReadOnlyList<string> StringList(MappingNode config, string key) =>
        config.TryGetSequence(key)?.AsStrings() ?? (IReadOnlyList<string>)Array.Empty<string>();

    public static bool RequiredBool(MappingNode config, string key) =>
        config.ContainsKey(key) ? config.GetBool(key, false) : throw Missing(config, key);

    /// <summary>A required scalar, as its node so callers can point at it.</summary>
    public static ScalarNode RequiredScalar(MappingNode config, string key) =>
        OptionalScalar(config, key) ?? throw Missing(config, key);

    public static ScalarNode? OptionalScalar(MappingNode config, string key)
    {
        if (!config.TryGet(key, out var node))
            return null;
        return node as ScalarNode ?? throw new LoadException(ErrorReason.InvalidData, node.Provenance,
            $"Value of '{key}' is not of the expected type 'string' (found a {node.TypeName})");
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    public static string Enum(MappingNode config, string key, string defaultValue, params string[] allowed)
    {
        var node = OptionalScalar(config, key);
        if (node is null)
            return defaultValue;
        if (Array.IndexOf(allowed, node.Value) < 0)
            throw new LoadException(ErrorReason.InvalidData, node.Provenance,
                $"Value of '{key}' should be one of: {string.Join(", ", allowed)}",
                $"Found '{node.Value}'.");
        return node.Value;
    }

    /// <summary>An optional mapping whose values are all strings; empty when absent.</summary>
    public static IReadOnlyList<KeyValuePair<string, ScalarNode>> StringMapping(MappingNode config, string key)
    {
        var mapping = config.TryGetMapping(key);
        if (mapping is null)
            return Array.Empty<KeyValuePair<string, ScalarNode>>();
        var result = new List<KeyValuePair<string, ScalarNode>>(mapping.Count);
        foreach (var entryKey in mapping.Keys)
            result.Add(new(entryKey, RequiredScalar(mapping, entryKey)));
        return result;
    }

    private static LoadException Missing(MappingNode config, string key) =>
        new(ErrorReason.MissingKey, config.Provenance, $"Dictionary did not contain expected key '{key}'");
}
