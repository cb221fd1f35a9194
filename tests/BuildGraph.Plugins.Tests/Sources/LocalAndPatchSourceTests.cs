using System.Text.Json.Nodes;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

public class LocalAndPatchSourceTests
{
    [Theory]
    [InlineData("../outside")]
    [InlineData("a/../../outside")]
    [InlineData("./..")]
    [InlineData("/etc/passwd")]
    public void Configure_LocalPathEscapingTheProject_FailsAtThePath(string path)
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource("local", $"path: {path}"));

        KindTest.AssertAt(e, ErrorReason.InvalidProjectPath, 1, 7);
    }

    [Theory]
    [InlineData("patch")]
    [InlineData("patch_queue")]
    public void Configure_PatchPathEscapingTheProject_FailsAtThePath(string kind)
    {
        var e = Assert.Throws<LoadException>(() => KindTest.ConfigureSource(kind, "path: ../x"));

        KindTest.AssertAt(e, ErrorReason.InvalidProjectPath, 1, 7);
    }

    [Theory]
    [InlineData("files")]
    [InlineData("a/../files")]
    [InlineData(".")]
    public void GetUniqueKey_LocalPathInside_IsTheProjectDigestOfThePath(string path)
    {
        var context = new FakeSourceContext();

        var source = KindTest.ConfigureSource("local", $"path: '{path}'", context);

        Assert.True(source.IsResolved);
        Assert.Null(source.Ref);
        Assert.Equal(context.DigestProjectPath(path, default), source.GetUniqueKey().GetValue<string>());
        Assert.Equal(path, context.Digested[0]);
    }

    [Fact]
    public void Configure_Local_DoesNoDigesting()
    {
        var context = new FakeSourceContext();

        KindTest.ConfigureSource("local", "path: files", context);

        Assert.Empty(context.Digested);
    }

    [Fact]
    public void GetUniqueKey_Patch_IsPathDigestAndStripLevel()
    {
        var context = new FakeSourceContext();

        var key = KindTest.ConfigureSource("patch", "path: patches/fix.patch\nstrip-level: 2", context).GetUniqueKey();

        var expected = new JsonArray { "patches/fix.patch", context.DigestProjectPath("patches/fix.patch", default), 2 };
        Assert.True(JsonNode.DeepEquals(expected, key), key.ToJsonString());
    }

    [Fact]
    public void GetUniqueKey_PatchDefaultStripLevel_IsOne()
    {
        var key = KindTest.ConfigureSource("patch", "path: fix.patch").GetUniqueKey();

        Assert.Equal(1, key[2]!.GetValue<int>());
    }

    [Fact]
    public void GetUniqueKey_PatchQueue_IsEachPatchDigestInNameOrder()
    {
        var project = Directory.CreateTempSubdirectory("bgx-plugins-");
        try
        {
            Directory.CreateDirectory(Path.Combine(project.FullName, "patches"));
            File.WriteAllText(Path.Combine(project.FullName, "patches", "0002-b.patch"), "second");
            File.WriteAllText(Path.Combine(project.FullName, "patches", "0001-a.patch"), "first");
            var context = new FakeSourceContext { ProjectDirectory = project.FullName };

            var key = KindTest.ConfigureSource("patch_queue", "path: patches", context).GetUniqueKey();

            var expected = new JsonArray
            {
                context.DigestProjectPath("patches/0001-a.patch", default),
                context.DigestProjectPath("patches/0002-b.patch", default),
            };
            Assert.True(JsonNode.DeepEquals(expected, key), key.ToJsonString());
        }
        finally
        {
            project.Delete(recursive: true);
        }
    }

    [Fact]
    public void GetUniqueKey_PatchQueueMissingDirectory_FailsAtThePath()
    {
        var source = KindTest.ConfigureSource("patch_queue", "path: missing");

        var e = Assert.Throws<LoadException>(() => source.GetUniqueKey());

        KindTest.AssertAt(e, ErrorReason.MissingFile, 1, 7);
    }

    [Fact]
    public void Traits_ProjectLocalSources_AreMarked()
    {
        foreach (var kind in new[] { "local", "patch", "patch_queue" })
            Assert.Equal(SourceTraits.ProjectLocal, KindTest.Source(kind).Traits);
        Assert.Equal(SourceTraits.TrackNeedsPreviousSources, KindTest.Source("cargo2").Traits);
    }
}
