using BuildGraph.Yaml.Editing;

namespace BuildGraph.Yaml.Tests.Editing;

/// <summary>
/// Setting a source's <c>ref</c> changes only that value: every other byte of the file (comments, blank
/// lines, quoting, key order, line endings) stays as it was.
/// </summary>
public sealed class YamlTextEditorTests
{
    private const string Sha1 = "0123456789abcdef0123456789abcdef01234567";
    private const string Sha2 = "fedcba9876543210fedcba9876543210fedcba98";

    [Fact]
    public void SetValue_PlainRefWithComments_ReplacesOnlyTheValue()
    {
        var text = "# header comment\nkind: manual\n\nsources:\n- kind: git   # the upstream\n  url: upstream:repo.git\n" +
            $"  track: main\n  ref: {Sha1}  # pinned\n\n  # trailing comment\nconfig: {{}}\n";

        var edited = SetRef(text, 0, Scalar(Sha2));

        Assert.Equal(text.Replace(Sha1, Sha2, StringComparison.Ordinal), edited);
    }

    [Theory]
    [InlineData("'{0}'")]
    [InlineData("\"{0}\"")]
    [InlineData("{0}")]
    public void SetValue_QuotedRef_KeepsTheQuoting(string quoting)
    {
        var text = "kind: import\nsources:\n- kind: tar\n  url: a:b.tar\n  ref: " + string.Format(quoting, Sha1) + "\n";

        var edited = SetRef(text, 0, Scalar(Sha2));

        Assert.Equal("kind: import\nsources:\n- kind: tar\n  url: a:b.tar\n  ref: " + string.Format(quoting, Sha2) + "\n", edited);
    }

    [Fact]
    public void SetValue_NoRef_AddsItAsTheLastKeyAtTheMappingsIndentation()
    {
        var text = "sources:\n    - kind: git\n      url: a:b.git\n      track: main # branch\n    - kind: local\n      path: files\n";

        var edited = SetRef(text, 0, Scalar(Sha1));

        Assert.Equal("sources:\n    - kind: git\n      url: a:b.git\n      track: main # branch\n" +
            $"      ref: {Sha1}\n    - kind: local\n      path: files\n", edited);
    }

    [Fact]
    public void SetValue_NoRefAtEndOfFileWithoutNewline_AddsALine()
    {
        var edited = SetRef("sources:\n- kind: git\n  track: main", 0, Scalar(Sha1));

        Assert.Equal($"sources:\n- kind: git\n  track: main\n  ref: {Sha1}", edited);
    }

    [Fact]
    public void SetValue_EmptyRef_FillsIt()
    {
        var edited = SetRef("sources:\n- kind: git\n  ref:\n  track: main\n", 0, Scalar(Sha1));

        Assert.Equal($"sources:\n- kind: git\n  ref: {Sha1}\n  track: main\n", edited);
    }

    [Fact]
    public void SetValue_FlowMapping_ReplacesOrAppendsInside()
    {
        var text = "sources:\n- {kind: tar, url: 'a:x.tar', ref: old}\n- {kind: remote, url: a:y}\n";
        var loaded = YamlLoader.LoadString(text, "e.bst");
        var editor = new YamlTextEditor(text, "e.bst");

        Assert.True(editor.SetValue(Source(loaded, 0).Line, Source(loaded, 0).Column, "ref", Scalar(Sha1)));
        Assert.True(editor.SetValue(Source(loaded, 1).Line, Source(loaded, 1).Column, "ref", Scalar(Sha2)));

        Assert.Equal($"sources:\n- {{kind: tar, url: 'a:x.tar', ref: {Sha1}}}\n- {{kind: remote, url: a:y, ref: {Sha2}}}\n", editor.Apply());
    }

    [Fact]
    public void SetValue_CrLf_KeepsLineEndings()
    {
        var text = "kind: manual\r\nsources:\r\n- kind: git\r\n  track: main\r\n- kind: tar\r\n  ref: x # c\r\n";
        var loaded = YamlLoader.LoadString(text, "e.bst");
        var editor = new YamlTextEditor(text, "e.bst");
        editor.SetValue(Source(loaded, 0).Line, Source(loaded, 0).Column, "ref", Scalar(Sha1));
        editor.SetValue(Source(loaded, 1).Line, Source(loaded, 1).Column, "ref", Scalar(Sha2));

        Assert.Equal($"kind: manual\r\nsources:\r\n- kind: git\r\n  track: main\r\n  ref: {Sha1}\r\n- kind: tar\r\n  ref: {Sha2} # c\r\n", editor.Apply());
    }

    [Fact]
    public void SetValue_SeveralSources_EditsEachAgainstTheOriginalText()
    {
        var text = "sources:\n- kind: cargo2\n  ref:\n  - kind: registry\n    name: a\n    version: '1.0'\n    sha: aa\n" +
            "- kind: git\n  ref: old\n";
        var crates = Crates(("a", "1.0", "aa"), ("b", "2.1.3", "bb"));

        var loaded = YamlLoader.LoadString(text, "e.bst");
        var editor = new YamlTextEditor(text, "e.bst");
        editor.SetValue(Source(loaded, 0).Line, Source(loaded, 0).Column, "ref", crates);
        editor.SetValue(Source(loaded, 1).Line, Source(loaded, 1).Column, "ref", Scalar(Sha1));

        Assert.Equal("sources:\n- kind: cargo2\n  ref:\n  - kind: registry\n    name: a\n    version: '1.0'\n    sha: aa\n" +
            "  - kind: registry\n    name: b\n    version: 2.1.3\n    sha: bb\n" + $"- kind: git\n  ref: {Sha1}\n", editor.Apply());
    }

    [Fact]
    public void SetValue_CargoListOfFlowItems_KeepsFlowItems()
    {
        var text = "sources:\n  - kind: cargo2\n    ref:\n      - {kind: registry, name: itoa, version: 1.0.10, sha: aa}\n    url: crates:crates\n";

        var edited = SetRef(text, 0, Crates(("itoa", "1.0.11", "bb"), ("ryu", "1.0.2", "cc")));

        Assert.Equal("sources:\n  - kind: cargo2\n    ref:\n      - {kind: registry, name: itoa, version: 1.0.11, sha: bb}\n" +
            "      - {kind: registry, name: ryu, version: 1.0.2, sha: cc}\n    url: crates:crates\n", edited);
    }

    [Theory]
    [InlineData("    ref: []\n")]
    [InlineData("    ref:\n")]
    public void SetValue_CargoEmptyRef_WritesABlockListUnderTheKey(string refLine)
    {
        var text = "sources:\n  - kind: cargo2\n" + refLine + "    url: crates:crates\n";

        var edited = SetRef(text, 0, Crates(("itoa", "1.0.11", "bb")));

        Assert.Equal("sources:\n  - kind: cargo2\n    ref:\n    - kind: registry\n      name: itoa\n      version: 1.0.11\n      sha: bb\n" +
            "    url: crates:crates\n", edited);
    }

    [Fact]
    public void SetValue_CargoRefWithOnlyAComment_KeepsTheComment()
    {
        var text = "sources:\n- kind: cargo2\n  ref:  # filled by track\n    # one entry per crate\nconfig: {}\n";

        var edited = SetRef(text, 0, Crates(("itoa", "1.0.11", "bb")));

        Assert.Equal("sources:\n- kind: cargo2\n  ref: # filled by track\n  - kind: registry\n    name: itoa\n    version: 1.0.11\n" +
            "    sha: bb\n    # one entry per crate\nconfig: {}\n", edited);
    }

    [Fact]
    public void SetValue_CargoNoRef_AppendsABlockList()
    {
        var edited = SetRef("sources:\n- kind: cargo2\n  url: crates:crates # alias\n", 0, Crates(("a", "1", "aa")));

        Assert.Equal("sources:\n- kind: cargo2\n  url: crates:crates # alias\n  ref:\n  - kind: registry\n    name: a\n    version: '1'\n    sha: aa\n", edited);
    }

    [Fact]
    public void SetValue_NoMappingThere_ReturnsFalse()
    {
        var editor = new YamlTextEditor("kind: manual\n", "e.bst");

        Assert.False(editor.SetValue(5, 1, "ref", Scalar(Sha1)));
        Assert.False(editor.HasEdits);
        Assert.Equal("kind: manual\n", editor.Apply());
    }

    private static string SetRef(string text, int index, Node value)
    {
        var loaded = YamlLoader.LoadString(text, "e.bst");
        var editor = new YamlTextEditor(text, "e.bst");
        var at = Source(loaded, index);
        Assert.True(editor.SetValue(at.Line, at.Column, "ref", value));
        var edited = editor.Apply();
        YamlLoader.LoadString(edited, "edited.bst"); // still valid YAML
        return edited;
    }

    private static Provenance Source(MappingNode file, int index) => file.TryGetSequence("sources")!.Items[index].Provenance;

    private static ScalarNode Scalar(string value) => new(value, Provenance.Unknown("t"));

    private static SequenceNode Crates(params (string Name, string Version, string Sha)[] crates)
    {
        var list = new SequenceNode(Provenance.Unknown("t"));
        foreach (var (name, version, sha) in crates)
        {
            var entry = new MappingNode(Provenance.Unknown("t"));
            entry.Set("kind", Scalar("registry"));
            entry.Set("name", Scalar(name));
            entry.Set("version", Scalar(version));
            entry.Set("sha", Scalar(sha));
            list.Items.Add(entry);
        }
        return list;
    }
}
