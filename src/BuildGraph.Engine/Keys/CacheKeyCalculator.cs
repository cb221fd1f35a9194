using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Engine.Graph;

namespace BuildGraph.Engine.Keys;

/// <summary>
/// Cache keys: sha256 of the canonical JSON of named ingredients (format.md §10). The weak key names
/// dependencies only (their weak keys for strict dependencies and kinds that need them); the strict
/// key adds every dependency's strict key and the weak key.
/// BuildStream lists the whole BUILD scope in each key, which costs O(N²) on deep graphs. bgx lists
/// the direct build dependencies, each with a Merkle digest of its runtime closure, which identifies
/// the same staged set in the same order at O(N): any change anywhere in that closure changes it.
/// </summary>
public sealed class CacheKeyCalculator
{
    /// <summary>Bumped whenever the artifact format or a key ingredient changes meaning.</summary>
    public const int CoreArtifactVersion = 11;

    private static readonly HashSet<string> WeakNeedsDependencyKeys = new(StringComparer.Ordinal) { "compose", "filter", "script" };

    private readonly Dictionary<Element, Closure> _closures = new();

    /// <summary>Digests of an element's runtime closure: by name, by weak keys, by strict keys.</summary>
    private sealed record Closure(string Names, string Weak, string Strict);

    /// <param name="order">Every element, dependencies first.</param>
    public static void ComputeAll(IEnumerable<Element> order)
    {
        // Each element's own ingredients (the bulk of the work: public data, sources, commands) do not
        // depend on other elements: serialise and hash them in parallel, then chain the keys in order.
        var elements = order.ToList();
        var own = new string?[elements.Count];
        Parallel.For(0, elements.Count, i => own[i] = OwnIngredients(elements[i]) is { } json ? Hash(json) : null);
        var calculator = new CacheKeyCalculator();
        for (var i = 0; i < elements.Count; i++)
            calculator.Compute(elements[i], own[i]);
    }

    /// <param name="own">The sha256 of the element's own ingredients, or null when it has no key.</param>
    private void Compute(Element element, string? own)
    {
        var buildDeps = element.Dependencies.Where(d => d.IsBuild).ToList();
        if (own is null || buildDeps.Any(d => !_closures.ContainsKey(d.Element)))
        {
            element.WeakKey = element.StrictKey = null;
            return;
        }
        // Both keys name the element's own ingredients by their hash.
        var weakNeedsKeys = WeakNeedsDependencyKeys.Contains(element.KindName);
        var weakDeps = new JsonArray(buildDeps.Select(d => (JsonNode?)new JsonArray(
            d.Element.Project.Name, d.Element.FullName,
            weakNeedsKeys ? _closures[d.Element].Weak : _closures[d.Element].Names,
            d.Strict && !weakNeedsKeys ? d.Element.WeakKey : null)).ToArray());
        element.WeakKey = Hash($"{{\"dependencies\":{CanonicalJson.Serialize(weakDeps)},\"element\":\"{own}\"}}");

        var strictDeps = new JsonArray(buildDeps.Select(d => (JsonNode?)new JsonArray(
            d.Element.Project.Name, d.Element.FullName, _closures[d.Element].Strict)).ToArray());
        element.StrictKey = Hash(
            $"{{\"dependencies\":{CanonicalJson.Serialize(strictDeps)},\"element\":\"{own}\",\"weak-cache-key\":\"{element.WeakKey}\"}}");

        var runtime = element.Dependencies.Where(d => d.IsRuntime).Select(d => d.Element).ToList();
        if (runtime.Any(r => !_closures.ContainsKey(r)))
            return;
        _closures[element] = new Closure(
            Merkle(element, "", runtime.Select(r => _closures[r].Names)),
            Merkle(element, element.WeakKey, runtime.Select(r => _closures[r].Weak)),
            Merkle(element, element.StrictKey, runtime.Select(r => _closures[r].Strict)));
    }

    private static string Merkle(Element element, string key, IEnumerable<string> children) =>
        Hash(CanonicalJson.Serialize(new JsonArray(element.Project.Name, element.FullName, key,
            new JsonArray(children.Select(c => (JsonNode?)c).ToArray()))));

    /// <summary>The element's own ingredients, or null when a source has no ref (no key possible).</summary>
    /// <summary>
    /// The element's own ingredients as canonical JSON (keys in sorted order, written directly rather
    /// than through a JSON tree: this runs for every element of every load), or null when a source has
    /// no ref and no key is possible.
    /// </summary>
    internal static string? OwnIngredients(Element element)
    {
        if (element.Sources.Any(s => !s.Source.IsResolved))
            return null;
        var sb = new StringBuilder(4096);
        sb.Append("{\"core-artifact-version\":").Append(CoreArtifactVersion);
        sb.Append(",\"element-base-key\":{\"build-root\":");
        CanonicalJson.WriteString(sb, element.ResolvedVariable("build-root"));
        sb.Append("},\"element-plugin-key\":");
        CanonicalJson.Write(sb, element.Plugin.GetUniqueKey());
        sb.Append(",\"element-plugin-name\":");
        CanonicalJson.WriteString(sb, element.KindName);
        sb.Append(",\"element-plugin-version\":").Append(element.Kind.Version);
        var runsCommands = (element.Kind.Traits & ElementTraits.RunsCommands) != 0;
        if (runsCommands)
        {
            var names = element.Environment.Keys.Where(n => !element.EnvironmentNoCache.Contains(n)).ToArray();
            Array.Sort(names, StringComparer.Ordinal);
            sb.Append(",\"environment\":{");
            for (var i = 0; i < names.Length; i++)
            {
                if (i > 0)
                    sb.Append(',');
                CanonicalJson.WriteString(sb, names[i]);
                sb.Append(':');
                CanonicalJson.Write(sb, element.Environment[names[i]]!);
            }
            sb.Append('}');
        }
        sb.Append(",\"fatal-warnings\":[");
        var first = true;
        foreach (var warning in element.Project.FatalWarnings.Order(StringComparer.Ordinal))
        {
            if (!first)
                sb.Append(',');
            first = false;
            CanonicalJson.WriteString(sb, warning);
        }
        sb.Append(']');
        if (element.LocalOverrides is { } overrides)
        {
            sb.Append(",\"local-overrides\":");
            CanonicalJson.Write(sb, overrides);
        }
        sb.Append(",\"public\":");
        CanonicalJson.Write(sb, element.Public);
        if (runsCommands)
        {
            sb.Append(",\"sandbox\":");
            CanonicalJson.Write(sb, element.Sandbox);
        }
        sb.Append(",\"sources\":");
        CanonicalJson.Write(sb, new JsonArray(element.Sources.Select(SourceKey).ToArray()));
        return sb.Append('}').ToString();
    }

    private static JsonNode? SourceKey(SourceInstance source)
    {
        var key = new JsonObject
        {
            ["key"] = source.Source.GetUniqueKey().DeepClone(),
            ["name"] = source.Kind,
        };
        if (source.Directory is not null)
            key["directory"] = source.Directory;
        return key;
    }

    private static string Hash(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
}
