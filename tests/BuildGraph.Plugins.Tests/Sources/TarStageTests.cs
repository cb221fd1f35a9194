using System.Diagnostics;
using BuildGraph.Abstractions;
using BuildGraph.Plugins.Tests.Sources.Support;
using BuildGraph.Testing;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

/// <summary>tar staging from the download cache: base-dir, compressions, links, hostile archives.</summary>
[Trait("Category", "Integration")]
public sealed class TarStageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Puts the archive in the download cache (as a fetch would) and returns a tar source pinned to it.</summary>
    private ISource Cached(byte[] archive, string extraYaml = "")
    {
        var context = new FakeSourceContext { SourceDirectory = Path.Combine(_temp.Path, "sources") };
        var sha = TestArchives.Sha256(archive);
        Directory.CreateDirectory(Path.Combine(context.SourceDirectory, "tar"));
        File.WriteAllBytes(Path.Combine(context.SourceDirectory, "tar", sha), archive);
        var source = KindTest.ConfigureSource("tar", $"url: files:a.tar\nref: {sha}\n{extraYaml}", context);
        Assert.True(source.IsFetched);
        return source;
    }

    private static TestArchives Package() => new TestArchives()
        .Directory("pkg-1.0/")
        .File("pkg-1.0/README", "readme")
        .File("pkg-1.0/bin/run", "#!/bin/sh\n", executable: true)
        .Symlink("pkg-1.0/link", "README");

    private static string[] Tree(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public async Task StageAsync_DefaultBaseDir_StripsTheTopDirectory()
    {
        var stage = _temp.Sub("stage");

        await Cached(Package().TarGz()).StageAsync(stage, default);

        Assert.Equal(["README", "bin", "bin/run", "link"], Tree(stage));
        Assert.Equal("README", new FileInfo(Path.Combine(stage, "link")).LinkTarget);
        Assert.True(File.GetUnixFileMode(Path.Combine(stage, "bin/run")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(stage, "README")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public async Task StageAsync_EmptyBaseDir_KeepsTheLayout()
    {
        var stage = _temp.Sub("stage");

        await Cached(Package().TarGz(), "base-dir: ''").StageAsync(stage, default);

        Assert.Contains("pkg-1.0/README", Tree(stage));
    }

    [Fact]
    public async Task StageAsync_ArchiveWithoutDirectoryEntries_FindsTheImpliedTopDirectory()
    {
        var stage = _temp.Sub("stage");
        var archive = new TestArchives().File("./top/a", "a").File("./top/sub/b", "b").TarGz();

        await Cached(archive).StageAsync(stage, default);

        Assert.Equal(["a", "sub", "sub/b"], Tree(stage));
    }

    [Fact]
    public async Task StageAsync_BaseDirGlob_StagesTheFirstMatchInSortedOrder()
    {
        var stage = _temp.Sub("stage");
        var archive = new TestArchives().File("b-2/x", "b").File("a-1/y", "a").File("c/z", "c").TarGz();

        await Cached(archive, "base-dir: '?-*'").StageAsync(stage, default);

        Assert.Equal(["y"], Tree(stage));
    }

    [Fact]
    public async Task StageAsync_NoDirectoryMatchesBaseDir_FailsInvalidData()
    {
        var archive = new TestArchives().File("top/a", "a").TarGz();

        var e = await Assert.ThrowsAsync<SourceException>(() => Cached(archive, "base-dir: other").StageAsync(_temp.Sub("stage"), default));

        Assert.Equal(ErrorReason.InvalidData, e.Reason);
    }

    [Theory]
    [InlineData("top/../../evil")]
    [InlineData("../evil")]
    public async Task StageAsync_EntryClimbingOut_IsRejected(string name)
    {
        var archive = new TestArchives().File("top/ok", "ok").File(name, "evil").TarGz();

        var e = await Assert.ThrowsAsync<SourceException>(() => Cached(archive, "base-dir: ''").StageAsync(_temp.Sub("stage"), default));

        Assert.Equal(ErrorReason.InvalidData, e.Reason);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "evil")));
    }

    [Fact]
    public async Task StageAsync_WriteThroughASymlink_IsRejected()
    {
        var outside = _temp.Sub("outside");
        var archive = new TestArchives().Symlink("top/escape", outside).File("top/escape/planted", "x").TarGz();

        var e = await Assert.ThrowsAsync<SourceException>(() => Cached(archive).StageAsync(_temp.Sub("stage"), default));

        Assert.Equal(ErrorReason.InvalidData, e.Reason);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public async Task StageAsync_DeviceNode_IsSkipped()
    {
        var stage = _temp.Sub("stage");
        var archive = new TestArchives().File("top/a", "a").CharacterDevice("top/null").TarGz();

        await Cached(archive).StageAsync(stage, default);

        Assert.Equal(["a"], Tree(stage));
    }

    [Fact]
    public async Task StageAsync_HardLink_IsACopyOfItsTarget()
    {
        var stage = _temp.Sub("stage");
        var archive = new TestArchives().File("top/a", "same").HardLink("top/b", "top/a").TarGz();

        await Cached(archive).StageAsync(stage, default);

        Assert.Equal("same", await File.ReadAllTextAsync(Path.Combine(stage, "b")));
    }

    [Fact]
    public async Task StageAsync_IntoTheSourcesStagedBefore_AddsAndReplacesFiles()
    {
        var stage = _temp.Sub("stage");
        await File.WriteAllTextAsync(Path.Combine(stage, "README"), "old");
        await File.WriteAllTextAsync(Path.Combine(stage, "kept"), "kept");

        await Cached(Package().TarGz()).StageAsync(stage, default);

        Assert.Equal("readme", await File.ReadAllTextAsync(Path.Combine(stage, "README")));
        Assert.True(File.Exists(Path.Combine(stage, "kept")));
    }

    [Fact]
    public async Task StageAsync_NotATarArchive_FailsInvalidData()
    {
        var e = await Assert.ThrowsAsync<SourceException>(() =>
            Cached("this is not a tar archive, not even close; it has to be long enough to fill a header block."u8.ToArray()
                .Concat(new byte[600]).ToArray()).StageAsync(_temp.Sub("stage"), default));

        Assert.Equal(ErrorReason.InvalidData, e.Reason);
    }

    [ToolTheory("tar", "xz", "bzip2", "zstd")]
    [InlineData("-cJf")]
    [InlineData("-cjf")]
    [InlineData("--zstd -cf")]
    [InlineData("-cf")]
    public async Task StageAsync_HostCompressedArchive_IsRecognisedByItsMagic(string flags)
    {
        var tree = _temp.Sub("tree");
        Directory.CreateDirectory(Path.Combine(tree, "pkg-2.0", "src"));
        await File.WriteAllTextAsync(Path.Combine(tree, "pkg-2.0", "src", "main.c"), "int main(void) { return 0; }\n");
        var archivePath = Path.Combine(_temp.Path, "archive");
        var start = new ProcessStartInfo("tar") { WorkingDirectory = tree };
        foreach (var flag in flags.Split(' '))
            start.ArgumentList.Add(flag);
        start.ArgumentList.Add(archivePath);
        start.ArgumentList.Add("pkg-2.0");
        using (var tar = Process.Start(start)!)
        {
            await tar.WaitForExitAsync();
            Assert.Equal(0, tar.ExitCode);
        }
        var stage = _temp.Sub("stage");

        await Cached(await File.ReadAllBytesAsync(archivePath)).StageAsync(stage, default);

        Assert.Equal(["src", "src/main.c"], Tree(stage));
    }
}
