using System.Collections.Concurrent;

namespace BuildGraph.Plugins;

/// <summary>The default YAML of the built-in kinds, embedded as <c>Kinds/&lt;kind&gt;.yaml</c>.</summary>
internal static class KindResources
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string DefaultYaml(string kind) => Cache.GetOrAdd(kind, Read);

    private static string Read(string kind)
    {
        using var stream = typeof(KindResources).Assembly.GetManifestResourceStream(kind + ".yaml")
            ?? throw new InvalidOperationException($"No embedded default YAML for kind '{kind}'");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
