using System.Text.Json.Nodes;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

public class GitSourceTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public void Configure_NeitherRefNorTrack_FailsMissingKey()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource("git", "url: github:a/b.git"));

        Assert.Equal(ErrorReason.MissingKey, e.Reason);
    }

    [Fact]
    public void GetUniqueKey_DescribeRef_KeepsOnlyTheCommit()
    {
        var plain = KindTest.ConfigureSource("git", $"url: github:a/b.git\nref: {Commit}").GetUniqueKey();
        var described = KindTest.ConfigureSource("git", $"url: github:a/b.git\nref: v1.2-g5-3-g{Commit}").GetUniqueKey();

        Assert.True(JsonNode.DeepEquals(new JsonArray { "github:a/b.git", Commit }, plain), plain.ToJsonString());
        Assert.True(JsonNode.DeepEquals(plain, described), described.ToJsonString());
    }

    [Fact]
    public void GetUniqueKey_TagsSubmodulesAndVersion_AppendInOrder()
    {
        var source = KindTest.ConfigureSource("git", $"""
            url: github:a/b.git
            ref: {Commit}
            checkout-submodules: False
            submodules:
              third_party/x:
                url: github:c/x.git
                checkout: True
              docs:
                checkout: false
            tags:
            - tag: v1.0
              commit: {Commit}
              annotated: true
            version: '1.0'
            """);

        var expected = JsonNode.Parse($$$"""
            ["github:a/b.git", "{{{Commit}}}",
             {"tags": {"v1.0": ["{{{Commit}}}", true]}},
             {"checkout_submodules": false},
             {"third_party/x": "github:c/x.git", "docs": null},
             {"submodule_checkout_overrides": {"third_party/x": true, "docs": false}},
             "1.0"]
            """);
        Assert.True(JsonNode.DeepEquals(expected, source.GetUniqueKey()), source.GetUniqueKey().ToJsonString());
    }

    [Fact]
    public void Configure_SubmoduleUrl_IsTranslated()
    {
        var context = new FakeSourceContext();

        KindTest.ConfigureSource("git", "url: github:a/b.git\ntrack: main\nsubmodules:\n  x:\n    url: github:c/x.git", context);

        Assert.Equal(["github:a/b.git", "github:c/x.git"], context.Translated.Select(t => t.Url));
    }

    [Fact]
    public void Configure_TagEntryUnknownKey_FailsAtTheKey()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource("git",
            $"url: github:a/b.git\nref: {Commit}\ntags:\n- tag: v1\n  commit: {Commit}\n  annotated: false\n  signed: true"));

        KindTest.AssertAt(e, ErrorReason.UnexpectedKey, 7, 3);
    }

    [Fact]
    public void Configure_BadRefFormat_FailsAtTheValue()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource("git", "url: github:a/b.git\ntrack: main\nref-format: describe"));

        KindTest.AssertAt(e, ErrorReason.InvalidData, 3, 13);
    }

    [Fact]
    public void IsResolved_TrackOnly_IsFalse()
    {
        var source = KindTest.ConfigureSource("git", "url: github:a/b.git\ntrack: main");

        Assert.False(source.IsResolved);
        Assert.Null(source.Ref);
    }
}
