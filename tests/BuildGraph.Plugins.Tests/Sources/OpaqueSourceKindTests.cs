using System.Text.Json.Nodes;
using BuildGraph.Plugins.Sources;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

public class OpaqueSourceKindTests
{
    private static readonly OpaqueSourceKind Kind = new("ostree", "pip package buildstream-plugins-community");

    [Fact]
    public void Configure_AnyKeysWithRef_IsResolvedAndKeyIsTheConfig()
    {
        var config = YamlLoader.LoadString("url: github:x/repo\ngpg-key: keys/x.gpg\nref: abc\n", KindTest.File);

        var source = Kind.Configure(config, new FakeSourceContext());

        Assert.True(source.IsResolved);
        Assert.Equal("abc", Assert.IsType<ScalarNode>(source.Ref).Value);
        var expected = JsonNode.Parse("""{"url": "github:x/repo", "gpg-key": "keys/x.gpg", "ref": "abc"}""");
        Assert.True(JsonNode.DeepEquals(expected, source.GetUniqueKey()));
    }

    [Fact]
    public void Configure_NoRefKey_IsResolvedByItsConfig()
    {
        var source = Kind.Configure(YamlLoader.LoadString("url: x\nsha256sum: abc", KindTest.File), new FakeSourceContext());

        Assert.True(source.IsResolved);
        Assert.Null(source.Ref);
        Assert.Contains("ostree", Kind.UnsupportedMessage);
    }

    [Fact]
    public void Configure_EmptyRef_IsUnresolved()
    {
        var source = Kind.Configure(YamlLoader.LoadString("url: x\nref: ''", KindTest.File), new FakeSourceContext());

        Assert.False(source.IsResolved);
    }
}
