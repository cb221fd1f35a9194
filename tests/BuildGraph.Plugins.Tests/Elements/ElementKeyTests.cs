using System.Text.Json.Nodes;
using BuildGraph.Abstractions;

namespace BuildGraph.Plugins.Tests.Elements;

public class ElementKeyTests
{
    public static TheoryData<string, string, string> DifferingConfigs() => new()
    {
        { "manual", "build-commands: [make]", "build-commands: [make all]" },
        { "make", "install-commands: [a]", "install-commands: [b]" },
        { "autotools", "strip-commands: []", "strip-commands: [strip]" },
        { "cmake", "configure-commands: [x]", "configure-commands: [y]" },
        { "meson", "build-commands: [x]", "build-commands: [x, y]" },
        { "cargo", "build-commands: [cargo build]", "build-commands: [cargo build --release]" },
        { "import", "target: /", "target: /usr" },
        { "compose", "include: [runtime]", "include: [devel]" },
        { "compose", "exclude: []", "exclude: [debug]" },
        { "compose", "integrate: True", "integrate: False" },
        { "filter", "include-orphans: False", "include-orphans: True" },
        { "filter", "exclude: [doc]", "exclude: [debug]" },
        { "script", "commands: [a]", "commands: [b]" },
        { "script", "root-read-only: False", "root-read-only: True" },
    };

    [Theory]
    [MemberData(nameof(DifferingConfigs))]
    public void GetUniqueKey_DifferentConfig_Differs(string kind, string first, string second)
    {
        var a = KeyOf(kind, first);
        var b = KeyOf(kind, second);

        Assert.False(JsonNode.DeepEquals(a, b), a.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(DifferingConfigs))]
    public void GetUniqueKey_EqualConfig_IsEqual(string kind, string first, string _)
    {
        Assert.True(JsonNode.DeepEquals(KeyOf(kind, first), KeyOf(kind, first)));
    }

    [Theory]
    [InlineData("compose", "include: [a, b]", "include: [b, a]")]
    [InlineData("filter", "include: [a, b]", "include: [b, a]")]
    [InlineData("filter", "pass-integration: False", "pass-integration: True")]
    [InlineData("junction", "path: a", "path: b")]
    [InlineData("link", "target: a.bst", "target: b.bst")]
    [InlineData("stack", "", "")]
    public void GetUniqueKey_ConfigOutsideTheKey_IsEqual(string kind, string first, string second)
    {
        Assert.True(JsonNode.DeepEquals(KeyOf(kind, first), KeyOf(kind, second)));
    }

    [Theory]
    [InlineData("stack")]
    [InlineData("junction")]
    [InlineData("link")]
    public void GetUniqueKey_ConstantKinds_IsOne(string kind)
    {
        Assert.Equal(1, KeyOf(kind, kind == "link" ? "target: a.bst" : "").GetValue<int>());
    }

    [Fact]
    public void GetUniqueKey_Compose_SortsIncludeAndOmitsEmptyExclude()
    {
        var key = KeyOf("compose", "include: [runtime, devel]");

        var expected = JsonNode.Parse("""{"integrate": true, "include": ["devel", "runtime"], "orphans": true}""");
        Assert.True(JsonNode.DeepEquals(expected, key), key.ToJsonString());
    }

    [Fact]
    public void GetUniqueKey_Filter_HasSortedDomainsAndOrphans()
    {
        var key = KeyOf("filter", "include: [z, a]\n  exclude: [doc]");

        var expected = JsonNode.Parse("""{"include": ["a", "z"], "exclude": ["doc"], "orphans": false}""");
        Assert.True(JsonNode.DeepEquals(expected, key), key.ToJsonString());
    }

    [Fact]
    public void GetUniqueKey_Import_IsSourceAndTarget()
    {
        var key = KeyOf("import", "source: files");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"source": "files", "target": "/"}"""), key));
    }

    private static JsonNode KeyOf(string kind, string config)
    {
        var context = new FakeElementContext();
        if (kind == "filter")
            context.With("base.bst", DependencyType.Build);
        var text = $"kind: {kind}\n" + (config.Length > 0 ? $"config:\n  {config}\n" : "");
        return KindTest.Configure(kind, text, context).GetUniqueKey();
    }
}
