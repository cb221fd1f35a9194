using BuildGraph.Yaml;

namespace BuildGraph.Yaml.Tests;

public class YamlLoaderTests
{
    private static LoadException Fails(string text) =>
        Assert.Throws<LoadException>(() => YamlLoader.LoadString(text, "elements/x.bst"));

    [Fact]
    public void LoadString_Scalars_StayStringsAndAreTrimmed()
    {
        var node = YamlLoader.LoadString("a: true\nb: 1\nc: ~\nd:\ne: |\n  text\n", "x.bst");
        Assert.Equal("true", node.GetString("a"));
        Assert.Equal("1", node.GetString("b"));
        Assert.Equal("~", node.GetString("c"));
        Assert.Equal("", node.GetString("d"));
        Assert.Equal("text", node.GetString("e"));
    }

    [Fact]
    public void LoadString_Nodes_CarryFileLineAndColumn()
    {
        var node = YamlLoader.LoadString("kind: manual\nconfig:\n  build-commands:\n  - make\n", "elements/x.bst");
        var command = node.GetMapping("config").TryGetSequence("build-commands")!.Items[0];
        Assert.Equal(new Provenance("elements/x.bst", 4, 5), command.Provenance);
        Assert.Equal(new Provenance("elements/x.bst", 2, 1), node.KeyProvenance("config"));
    }

    [Fact]
    public void LoadString_DuplicateKey_FailsAtTheSecondKey()
    {
        var error = Fails("kind: manual\nkind: import\n");
        Assert.Equal(ErrorReason.InvalidYaml, error.Reason);
        Assert.Equal(new Provenance("elements/x.bst", 2, 1), error.Provenance);
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n", 1, 4)]
    [InlineData("a: !custom 1\n", 1, 4)]
    [InlineData("a: 1\n---\nb: 2\n", 2, 1)]
    [InlineData("- a\n- b\n", 1, 1)]
    public void LoadString_UnsupportedYaml_IsRejectedWithProvenance(string text, int line, int column)
    {
        var error = Fails(text);
        Assert.Equal(ErrorReason.InvalidYaml, error.Reason);
        Assert.Equal(line, error.Provenance!.Value.Line);
        Assert.Equal(column, error.Provenance!.Value.Column);
    }

    [Fact]
    public void LoadString_MalformedYaml_ReportsWhere()
    {
        var error = Fails("a:\n  b: 1\n c: 2\n");
        Assert.Equal(ErrorReason.InvalidYaml, error.Reason);
        Assert.Equal(3, error.Provenance!.Value.Line);
    }

    [Fact]
    public void LoadString_EmptyDocument_IsAnEmptyMapping()
    {
        Assert.Equal(0, YamlLoader.LoadString("", "x.bst").Count);
        Assert.Equal(0, YamlLoader.LoadString("# only a comment\n", "x.bst").Count);
    }

    [Fact]
    public void LoadString_CoreTags_AreAccepted()
    {
        var node = YamlLoader.LoadString("a: !!str 4.0\n", "x.bst");
        Assert.Equal("4.0", node.GetString("a"));
    }

    [Fact]
    public void LoadFile_Missing_FailsWithMissingFile()
    {
        var error = Assert.Throws<LoadException>(() => YamlLoader.LoadFile("/nonexistent/x.bst", "x.bst"));
        Assert.Equal(ErrorReason.MissingFile, error.Reason);
        Assert.Equal("x.bst", error.Provenance!.Value.File);
    }

    [Fact]
    public void GetBool_AcceptsOnlyBuildStreamSpellings()
    {
        var node = YamlLoader.LoadString("a: True\nb: 0\nc: yes\n", "x.bst");
        Assert.True(node.GetBool("a", false));
        Assert.False(node.GetBool("b", true));
        var error = Assert.Throws<LoadException>(() => node.GetBool("c", false));
        Assert.Equal(ErrorReason.InvalidData, error.Reason);
        Assert.Equal(new Provenance("x.bst", 3, 4), error.Provenance);
    }

    [Fact]
    public void ValidateKeys_UnknownKey_FailsAtTheKey()
    {
        var node = YamlLoader.LoadString("kind: manual\nbuild-command: []\n", "x.bst");
        var error = Assert.Throws<LoadException>(() => node.ValidateKeys(new[] { "kind" }));
        Assert.Equal(ErrorReason.UnexpectedKey, error.Reason);
        Assert.Equal(new Provenance("x.bst", 2, 1), error.Provenance);
    }
}
