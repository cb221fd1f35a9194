using BuildGraph.Engine.Variables;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tests.Variables;

public class VariableSetAccessTests
{
    private static VariableSet Resolve(string yaml) =>
        VariableSet.Resolve(YamlLoader.LoadString(yaml, "test.bst"));

    [Fact]
    public void TryGet_Undefined_ReturnsNull()
    {
        Assert.Null(Resolve("a: b\n").TryGet("nope"));
    }

    [Fact]
    public void Indexer_Undefined_ThrowsKeyNotFound()
    {
        var vars = Resolve("a: b\n");

        Assert.Throws<KeyNotFoundException>(() => vars["nope"]);
    }

    [Fact]
    public void All_KeepsInsertionOrder()
    {
        var vars = Resolve("z: \"%{a}\"\nm: m\na: A\n");

        Assert.Equal(
            new[] { new KeyValuePair<string, string>("z", "A"), new("m", "m"), new("a", "A") },
            vars.All);
    }

    [Fact]
    public void ToNode_ResolvedScalarsInOrder_KeepsProvenance()
    {
        var mapping = YamlLoader.LoadString("z: \"%{a}/x\"\na: A\n", "test.bst");

        var node = VariableSet.Resolve(mapping).ToNode();

        Assert.Equal(new[] { "z", "a" }, node.Keys);
        var z = Assert.IsType<ScalarNode>(node["z"]);
        Assert.Equal("A/x", z.Value);
        Assert.Equal(mapping["z"]!.Provenance, z.Provenance);
    }

    [Fact]
    public void Expand_Text_SubstitutesSinglePass()
    {
        var vars = Resolve("x: X\npct: \"%\"\n");

        Assert.Equal("a X ${HOME} %X %{x}", vars.Expand("a %{x} ${HOME} %%{x} %{pct}{x}", default));
    }

    [Fact]
    public void Expand_PlainText_ReturnsSameInstance()
    {
        var vars = Resolve("x: X\n");
        var text = new string('a', 10);

        Assert.Same(text, vars.Expand(text, default));
    }

    [Fact]
    public void Expand_Undefined_ThrowsUnresolvedAtGivenProvenance()
    {
        var vars = Resolve("x: X\n");
        var at = new Provenance("elements/a.bst", 7, 9);

        var e = Assert.Throws<LoadException>(() => vars.Expand("%{x} %{nope}", at));

        Assert.Equal(ErrorReason.UnresolvedVariable, e.Reason);
        Assert.Equal(at, e.Provenance);
    }
}
