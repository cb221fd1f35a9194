using BuildGraph.Engine.Variables;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tests.Variables;

public class ExpandNodeTests
{
    private static readonly VariableSet s_vars =
        VariableSet.Resolve(YamlLoader.LoadString("prefix: /usr\nname: foo\n", "vars.yml"));

    [Fact]
    public void ExpandNode_NestedMappingAndList_ExpandsValuesNotKeys()
    {
        var config = YamlLoader.LoadString("""
            "%{name}-key":
              install:
              - "make DESTDIR=%{prefix}"
              - plain
              - nested:
                  deep: "%{name}"
            other: "%{prefix}/%{name}"
            """, "test.bst");

        var result = Assert.IsType<MappingNode>(s_vars.ExpandNode(config));

        Assert.Equal(new[] { "%{name}-key", "other" }, result.Keys);
        Assert.Equal("/usr/foo", result.GetString("other"));
        var install = result.GetMapping("%{name}-key").TryGetSequence("install")!;
        Assert.Equal("make DESTDIR=/usr", ((ScalarNode)install.Items[0]).Value);
        Assert.Equal("plain", ((ScalarNode)install.Items[1]).Value);
        Assert.Equal("foo", ((MappingNode)install.Items[2]).GetMapping("nested").GetString("deep"));
        Assert.Equal(config["other"]!.Provenance, result["other"]!.Provenance);
    }

    [Fact]
    public void ExpandNode_Mapping_LeavesOriginalUnchanged()
    {
        var config = YamlLoader.LoadString("a: \"%{name}\"\nl: [\"%{name}\"]\n", "test.bst");

        var result = (MappingNode)s_vars.ExpandNode(config);

        Assert.NotSame(config, result);
        Assert.Equal("%{name}", config.GetString("a"));
        Assert.Equal("%{name}", ((ScalarNode)config.TryGetSequence("l")!.Items[0]).Value);
        Assert.Equal("foo", ((ScalarNode)result.TryGetSequence("l")!.Items[0]).Value);
    }

    [Fact]
    public void ExpandNode_UndefinedInListItem_ThrowsAtThatScalar()
    {
        var config = YamlLoader.LoadString("a:\n- ok\n- \"%{nope}\"\n", "test.bst");
        var item = config.TryGetSequence("a")!.Items[1];

        var e = Assert.Throws<LoadException>(() => s_vars.ExpandNode(config));

        Assert.Equal(ErrorReason.UnresolvedVariable, e.Reason);
        Assert.Equal(item.Provenance, e.Provenance);
        Assert.Equal(3, e.Provenance?.Line);
    }

    [Fact]
    public void ExpandNode_Scalar_ReturnsExpandedScalar()
    {
        var scalar = new ScalarNode("%{prefix}/bin", new Provenance("x.bst", 2, 3));

        var result = Assert.IsType<ScalarNode>(s_vars.ExpandNode(scalar));

        Assert.Equal("/usr/bin", result.Value);
        Assert.Equal(scalar.Provenance, result.Provenance);
    }
}
