using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests;

/// <summary>Builds what the engine would hand a kind: the kind's default config with the element's on top.</summary>
internal static class KindTest
{
    public const string File = "elements/x.bst";

    public static IElementKind Element(string kind) => BuiltinKinds.Elements[kind];

    public static ISourceKind Source(string kind) => BuiltinKinds.Sources[kind];

    /// <summary>The composed <c>config</c> of an element file whose text is <paramref name="elementYaml"/>.</summary>
    public static MappingNode Config(IElementKind kind, string elementYaml = "")
    {
        var defaults = YamlLoader.LoadString(kind.DefaultYaml, $"plugins/{kind.Name}.yaml");
        var config = (MappingNode?)defaults.TryGetMapping("config")?.Clone() ?? new MappingNode(new Provenance(File, 1, 1));
        var element = YamlLoader.LoadString(elementYaml, File);
        if (element.TryGetMapping("config") is { } upper)
            Composite.Onto(config, upper);
        Composite.AssertFullyComposited(config);
        return config;
    }

    public static IElement Configure(string kind, string elementYaml = "", FakeElementContext? context = null)
    {
        var elementKind = Element(kind);
        return elementKind.Configure(Config(elementKind, elementYaml), context ?? new FakeElementContext());
    }

    /// <summary>A source mapping as the engine passes it (kind, directory and provenance removed).</summary>
    public static ISource ConfigureSource(string kind, string sourceYaml, FakeSourceContext? context = null) =>
        Source(kind).Configure(YamlLoader.LoadString(sourceYaml, File), context ?? new FakeSourceContext());

    public static void AssertAt(BgxException e, ErrorReason reason, int line, int column)
    {
        Assert.Equal(reason, e.Reason);
        Assert.Equal(new Provenance(File, line, column), e.Provenance);
    }
}
