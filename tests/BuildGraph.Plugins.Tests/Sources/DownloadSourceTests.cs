using System.Text.Json.Nodes;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

public class DownloadSourceTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void GetUniqueKey_Tar_IsUrlAsWrittenRefAndBaseDir()
    {
        var source = KindTest.ConfigureSource("tar", $"url: files:a-1.0.tar.gz\nref: {Sha}");

        var expected = new JsonArray { "files:a-1.0.tar.gz", Sha, "*" };
        Assert.True(JsonNode.DeepEquals(expected, source.GetUniqueKey()), source.GetUniqueKey().ToJsonString());
        Assert.True(source.IsResolved);
        Assert.Equal(Sha, Assert.IsType<ScalarNode>(source.Ref).Value);
    }

    [Fact]
    public void GetUniqueKey_TarWithVersionAndPattern_AddsOnlyTheVersion()
    {
        var source = KindTest.ConfigureSource("tar",
            $"url: files:a.tar.gz\nref: {Sha}\nbase-dir: ''\nversion: '1.0'\nversion-guess-pattern: (\\d+)");

        var expected = new JsonArray { "files:a.tar.gz", Sha, "1.0", "" };
        Assert.True(JsonNode.DeepEquals(expected, source.GetUniqueKey()), source.GetUniqueKey().ToJsonString());
    }

    [Fact]
    public void IsResolved_TarWithoutRef_IsFalse()
    {
        var source = KindTest.ConfigureSource("tar", "url: https://example.org/a.tar.gz");

        Assert.False(source.IsResolved);
        Assert.Null(source.Ref);
    }

    [Fact]
    public void GetUniqueKey_RemoteDefaults_FilenameFromTranslatedUrlNotExecutable()
    {
        var context = new FakeSourceContext();
        context.Aliases["dl"] = "https://example.org/download?file=";

        var source = KindTest.ConfigureSource("remote", $"url: dl:tool\nref: {Sha}", context);

        var expected = new JsonArray { "dl:tool", Sha, "download?file=tool", false };
        Assert.True(JsonNode.DeepEquals(expected, source.GetUniqueKey()), source.GetUniqueKey().ToJsonString());
    }

    [Fact]
    public void GetUniqueKey_RemoteFilenameAndExecutable_EnterTheKey()
    {
        var source = KindTest.ConfigureSource("remote", $"url: files:tool-1.0\nref: {Sha}\nfilename: tool\nexecutable: true");

        var expected = new JsonArray { "files:tool-1.0", Sha, "tool", true };
        Assert.True(JsonNode.DeepEquals(expected, source.GetUniqueKey()), source.GetUniqueKey().ToJsonString());
    }

    [Fact]
    public void Configure_RemoteFilenameWithDirectory_FailsAtTheFilename()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource("remote", "url: files:x\nfilename: bin/tool"));

        KindTest.AssertAt(e, ErrorReason.InvalidData, 2, 11);
    }

    [Fact]
    public void Configure_RemoteExecutableNotBoolean_FailsAtTheValue()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource("remote", "url: files:x\nexecutable: yes"));

        KindTest.AssertAt(e, ErrorReason.InvalidData, 2, 13);
    }

    [Fact]
    public void Configure_TarWithoutUrl_FailsMissingKey()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource("tar", $"ref: {Sha}"));

        Assert.Equal(ErrorReason.MissingKey, e.Reason);
    }
}
