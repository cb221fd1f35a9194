using BuildGraph.Yaml;

namespace BuildGraph.Yaml.Tests;

public class CompositeTests
{
    private static MappingNode Yaml(string text, string file = "x.yml") => YamlLoader.LoadString(text, file);

    private static List<string> List(MappingNode node, string key) => node.TryGetSequence(key)!.AsStrings();

    [Fact]
    public void Onto_Mappings_MergePerKeyKeepingOrder()
    {
        var target = Yaml("a: 1\nb:\n  x: 1\n  y: 2\n");
        Composite.Onto(target, Yaml("b:\n  y: 3\n  z: 4\nc: 5\n"));
        Assert.Equal(new[] { "a", "b", "c" }, target.Keys);
        Assert.Equal(new[] { "x", "y", "z" }, target.GetMapping("b").Keys);
        Assert.Equal("3", target.GetMapping("b").GetString("y"));
    }

    [Fact]
    public void Onto_PlainList_ReplacesTheWholeList()
    {
        var target = Yaml("l: [a, b]\n");
        Composite.Onto(target, Yaml("l: [c]\n"));
        Assert.Equal(new[] { "c" }, List(target, "l"));
    }

    [Fact]
    public void Onto_Directives_PrependAppendReplace()
    {
        var target = Yaml("l: [a, b]\n");
        Composite.Onto(target, Yaml("l:\n  (<): [first]\n  (>): [last]\n"));
        Assert.Equal(new[] { "first", "a", "b", "last" }, List(target, "l"));
        Composite.Onto(target, Yaml("l:\n  (=): [only]\n  (>): [end]\n"));
        Assert.Equal(new[] { "only", "end" }, List(target, "l"));
    }

    [Fact]
    public void Onto_DirectiveOntoDirective_StacksThenAppliesToTheList()
    {
        var lower = Yaml("l:\n  (<): [p2]\n  (>): [s1]\n");
        Composite.Onto(lower, Yaml("l:\n  (<): [p1]\n  (>): [s2]\n"));
        var list = Yaml("l: [x]\n");
        Composite.Onto(list, lower);
        Assert.Equal(new[] { "p1", "p2", "x", "s1", "s2" }, List(list, "l"));
    }

    [Fact]
    public void AssertFullyComposited_DirectiveWithoutList_FailsAtTheKey()
    {
        var target = Yaml("config: {}\n");
        Composite.Onto(target, Yaml("config:\n  configure-commands:\n    (>): [x]\n", "el.bst"));
        var error = Assert.Throws<LoadException>(() => Composite.AssertFullyComposited(target));
        Assert.Equal(ErrorReason.TrailingListDirective, error.Reason);
        Assert.Equal(new Provenance("el.bst", 2, 3), error.Provenance);
    }

    [Fact]
    public void ResolveTrailingDirectives_AppliesToAnEmptyList()
    {
        var node = Yaml("l:\n  (<): [a]\n  (>): [b]\n");
        Composite.ResolveTrailingDirectives(node);
        Assert.Equal(new[] { "a", "b" }, List(node, "l"));
    }

    [Fact]
    public void IsDirective_MixedWithOtherKeys_Fails()
    {
        var target = Yaml("l: [a]\n");
        var error = Assert.Throws<LoadException>(() => Composite.Onto(target, Yaml("l:\n  (>): [b]\n  other: 1\n")));
        Assert.Equal(ErrorReason.IllegalComposite, error.Reason);
    }

    [Theory]
    [InlineData("a: [x]\n", "a: s\n")]
    [InlineData("a: {k: v}\n", "a: s\n")]
    [InlineData("a: s\n", "a: {k: v}\n")]
    [InlineData("a: {k: v}\n", "a: [x]\n")]
    public void Onto_IncompatibleTypes_IsIllegalComposite(string lower, string upper)
    {
        var error = Assert.Throws<LoadException>(() => Composite.Onto(Yaml(lower), Yaml(upper, "upper.yml")));
        Assert.Equal(ErrorReason.IllegalComposite, error.Reason);
        Assert.Equal("upper.yml", error.Provenance!.Value.File);
    }

    [Fact]
    public void Under_IncluderWins_AndGainsMissingKeys()
    {
        var includer = Yaml("a: mine\nvars:\n  x: 1\n");
        Composite.Under(includer, Yaml("a: theirs\nb: added\nvars:\n  x: 0\n  y: 2\n"));
        Assert.Equal("mine", includer.GetString("a"));
        Assert.Equal("added", includer.GetString("b"));
        Assert.Equal("1", includer.GetMapping("vars").GetString("x"));
        Assert.Equal("2", includer.GetMapping("vars").GetString("y"));
    }

    [Fact]
    public void Under_ConditionalLists_Concatenate_IncludedFirst()
    {
        var includer = Yaml("(?):\n- mine: {}\n");
        Composite.Under(includer, Yaml("(?):\n- theirs: {}\n"));
        var conditions = includer.TryGetSequence("(?)")!.Items.Cast<MappingNode>().Select(m => m.Keys.Single());
        Assert.Equal(new[] { "theirs", "mine" }, conditions);
    }

    [Fact]
    public void Onto_DoesNotShareMutableNodesWithTheUpperLayer()
    {
        var upper = Yaml("m:\n  l: [a]\n");
        var target = Yaml("x: 1\n");
        Composite.Onto(target, upper);
        target.GetMapping("m").TryGetSequence("l")!.Items.Clear();
        Assert.Single(upper.GetMapping("m").TryGetSequence("l")!.Items);
    }
}
