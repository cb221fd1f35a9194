using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Plugins.Elements;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Elements;

public class OpaqueElementKindTests
{
    private static readonly OpaqueElementKind Kind =
        new("flatpak_image", "pip package bst-plugins-experimental", "config:\n  directory: /\n");

    [Fact]
    public void Configure_AnyConfigAndDependencyConfig_KeyIsTheWholeConfig()
    {
        var context = new FakeElementContext().With("a.bst", DependencyType.Build, 0, "anything: 1");
        var config = YamlLoader.LoadString("directory: /app\nmetadata:\n  Application: {name: x}\nlist: [a, b]\n", KindTest.File);

        var key = Kind.Configure(config, context).GetUniqueKey();

        var expected = JsonNode.Parse("""{"directory": "/app", "metadata": {"Application": {"name": "x"}}, "list": ["a", "b"]}""");
        Assert.True(JsonNode.DeepEquals(expected, key), key.ToJsonString());
    }

    [Fact]
    public void Properties_NameOriginAndDefaults_AreKept()
    {
        Assert.Equal("flatpak_image", Kind.Name);
        Assert.Equal("pip package bst-plugins-experimental", Kind.Origin);
        Assert.Contains("directory", Kind.DefaultYaml);
        Assert.Contains("flatpak_image", Kind.UnsupportedMessage);
        Assert.Contains("bst-plugins-experimental", Kind.UnsupportedMessage);
        Assert.Equal(ElementTraits.RunsCommands | ElementTraits.Opaque, Kind.Traits);
    }
}
