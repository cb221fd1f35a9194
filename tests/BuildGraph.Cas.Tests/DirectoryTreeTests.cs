using System.Net.Sockets;
using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Protos.Reapi;
using BuildGraph.Testing;
using BuildGraph.Yaml;
using Digest = BuildGraph.Abstractions.Digest;
using ReapiDirectory = BuildGraph.Protos.Reapi.Directory;

namespace BuildGraph.Cas.Tests;

public sealed class DirectoryTreeTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LocalCas _cas;
    private readonly DirectoryTree _trees;

    public DirectoryTreeTests()
    {
        _cas = LocalCas.ForCacheDirectory(_temp.Combine("cache"));
        _trees = new DirectoryTree(_cas);
    }

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Ct => CancellationToken.None;

    /// <summary>Files (one executable, one empty, two with equal content, a dotfile), nested and empty directories, symlinks (relative, absolute, dangling).</summary>
    private string WriteSampleTree(string name = "src")
    {
        _temp.WriteFile($"{name}/a.txt", "alpha", Modes.R0644);
        _temp.WriteFile($"{name}/same-as-a.txt", "alpha", Modes.R0644);
        _temp.WriteFile($"{name}/.hidden", "dot", Modes.R0644);
        _temp.WriteFile($"{name}/zero", "", Modes.R0644);
        _temp.WriteFile($"{name}/bin/tool", "#!/bin/sh\necho tool\n", Modes.R0755);
        _temp.WriteFile($"{name}/nested/deeper/c.txt", "gamma", Modes.R0644);
        System.IO.Directory.CreateDirectory(_temp.Combine(name, "empty"));
        System.IO.Directory.CreateDirectory(_temp.Combine(name, "nested", "empty-too"));
        File.CreateSymbolicLink(_temp.Combine(name, "link"), "a.txt");
        File.CreateSymbolicLink(_temp.Combine(name, "bin", "dangling"), "../does/not/exist");
        File.CreateSymbolicLink(_temp.Combine(name, "abs"), "/etc/hostname");
        File.CreateSymbolicLink(_temp.Combine(name, "dirlink"), "nested");
        return _temp.Combine(name);
    }

    /// <summary>What a user sees of a host tree: paths, kinds, contents, link targets, exec bits.</summary>
    private static List<string> Describe(string root)
    {
        var lines = new List<string>();
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            if (entry.LinkTarget is { } target)
                lines.Add($"{relative} -> {target}");
            else if (entry is DirectoryInfo)
                lines.Add($"{relative}/");
            else
                lines.Add($"{relative} [{((File.GetUnixFileMode(entry.FullName) & UnixFileMode.UserExecute) != 0 ? "x" : "-")}] {File.ReadAllText(entry.FullName)}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    [Fact]
    public async Task ImportThenCheckout_Copies_ReproduceTreeWithWritableModes()
    {
        var source = WriteSampleTree();
        var expected = Describe(source);

        var root = await _trees.ImportAsync(source, ImportMode.Copy, Ct);
        var target = _temp.Combine("out");
        await _trees.CheckoutAsync(root, target, useHardlinks: false, Ct);

        Assert.Equal(expected, Describe(target));
        Assert.Equal(Modes.R0644, Modes.Of(Path.Combine(target, "a.txt")));
        Assert.Equal(Modes.R0755, Modes.Of(Path.Combine(target, "bin", "tool")));
        Assert.Equal(Modes.R0644, Modes.Of(Path.Combine(target, "zero")));
        Assert.True(System.IO.Directory.Exists(Path.Combine(target, "nested", "empty-too")));
        Assert.Equal("../does/not/exist", new FileInfo(Path.Combine(target, "bin", "dangling")).LinkTarget);
    }

    [Fact]
    public async Task ImportThenCheckout_Hardlinks_ShareObjectInodesAndAreReadOnly()
    {
        var source = WriteSampleTree();
        var expected = Describe(source);

        var root = await _trees.ImportAsync(source, Ct);
        var target = _temp.Combine("out");
        await _trees.CheckoutAsync(root, target, useHardlinks: true, Ct);

        Assert.Equal(expected, Describe(target));
        var a = Path.Combine(target, "a.txt");
        var aDigest = Digest.Of(Encoding.UTF8.GetBytes("alpha"));
        Assert.Equal(Modes.Inode(_cas.ObjectPath(aDigest)), Modes.Inode(a));
        Assert.Equal(Modes.Inode(a), Modes.Inode(Path.Combine(target, "same-as-a.txt")));
        Assert.Equal(Modes.R0444, Modes.Of(a));
        var tool = Path.Combine(target, "bin", "tool");
        Assert.Equal(Modes.R0555, Modes.Of(tool));
        Assert.Equal(Modes.Inode(_cas.TryGetExecutablePath(Digest.Of(Encoding.UTF8.GetBytes("#!/bin/sh\necho tool\n")))!), Modes.Inode(tool));
    }

    [Fact]
    public async Task CheckoutAsync_TwoHardlinkedCheckouts_ShareInodes()
    {
        var root = await _trees.ImportAsync(WriteSampleTree(), Ct);

        await _trees.CheckoutAsync(root, _temp.Combine("one"), useHardlinks: true, Ct);
        await _trees.CheckoutAsync(root, _temp.Combine("two"), useHardlinks: true, Ct);

        Assert.Equal(Modes.Inode(_temp.Combine("one", "nested", "deeper", "c.txt")), Modes.Inode(_temp.Combine("two", "nested", "deeper", "c.txt")));
        Assert.Equal(Modes.Inode(_temp.Combine("one", "bin", "tool")), Modes.Inode(_temp.Combine("two", "bin", "tool")));
    }

    [Fact]
    public async Task ImportAsync_SameTreeTwice_GivesSameDigestWhicheverMode()
    {
        var source = WriteSampleTree();

        var copied = await _trees.ImportAsync(source, ImportMode.Copy, Ct);
        var linked = await _trees.ImportAsync(source, ImportMode.Link, Ct);
        var again = await _trees.ImportAsync(source, ImportMode.Link, Ct);
        var elsewhere = await _trees.ImportAsync(WriteSampleTree("copy-of-src"), ImportMode.Link, Ct);

        Assert.Equal(copied, linked);
        Assert.Equal(copied, again);
        Assert.Equal(copied, elsewhere);
    }

    [Fact]
    public async Task ImportAsync_TreeWithEveryEntryKind_DigestEqualsEngineHandWrittenEncoder()
    {
        var source = WriteSampleTree();
        var byHand = HandWrittenDigests.DirectoryHash(source);

        var root = await _trees.ImportAsync(source, ImportMode.Copy, Ct);

        Assert.Equal(byHand, root.Hash);
        Assert.Equal(root, Digest.Of(await _cas.TryReadBytesAsync(root, Ct)));
    }

    [Fact]
    public async Task ImportAsync_EmptyDirectory_GivesDigestOfEmptyMessage()
    {
        System.IO.Directory.CreateDirectory(_temp.Combine("nothing"));

        var root = await _trees.ImportAsync(_temp.Combine("nothing"), Ct);

        Assert.Equal(Digest.Empty, root);
        Assert.Equal(HandWrittenDigests.DirectoryHash(_temp.Combine("nothing")), root.Hash);
    }

    [Fact]
    public async Task ImportAsync_CopyMode_LeavesHostFilesUntouched()
    {
        var source = WriteSampleTree();
        var file = Path.Combine(source, "a.txt");

        await _trees.ImportAsync(source, ImportMode.Copy, Ct);

        Assert.Equal(Modes.R0644, Modes.Of(file));
        Assert.NotEqual(Modes.Inode(file), Modes.Inode(_cas.ObjectPath(Digest.Of(Encoding.UTF8.GetBytes("alpha")))));
    }

    [Fact]
    public async Task ImportAsync_LinkMode_LinksPlainFilesIntoTheStore()
    {
        var source = WriteSampleTree();
        var file = Path.Combine(source, "nested", "deeper", "c.txt");

        await _trees.ImportAsync(source, ImportMode.Link, Ct);

        Assert.Equal(Modes.Inode(file), Modes.Inode(_cas.ObjectPath(Digest.Of(Encoding.UTF8.GetBytes("gamma")))));
        Assert.Equal(Modes.R0444, Modes.Of(file));
        Assert.Equal(Modes.R0755, Modes.Of(Path.Combine(source, "bin", "tool")));
    }

    [Fact]
    public async Task ImportAsync_TwoThousandFiles_StoresAndListsEveryOne()
    {
        var contents = new Dictionary<string, string>();
        for (var i = 0; i < 2000; i++)
        {
            var relative = $"d{i % 25:D2}/sub{i % 3}/file{i:D4}.txt";
            contents[relative] = $"content of file {i}\n" + new string('x', i % 700);
            _temp.WriteFile("big/" + relative, contents[relative], i % 10 == 0 ? Modes.R0755 : Modes.R0644);
        }

        var root = await _trees.ImportAsync(_temp.Combine("big"), Ct);

        var files = new List<TreeEntry>();
        await foreach (var entry in _trees.ListAsync(root, Ct))
        {
            if (entry.Kind == TreeEntryKind.File)
                files.Add(entry);
        }
        Assert.Equal(2000, files.Count);
        Assert.All(files, f => Assert.Equal(Digest.Of(Encoding.UTF8.GetBytes(contents[f.Path])), f.Digest));
        Assert.Equal(200, files.Count(f => f.IsExecutable));
        Assert.Equal(HandWrittenDigests.DirectoryHash(_temp.Combine("big")), root.Hash);
        await _trees.CheckoutAsync(root, _temp.Combine("big-out"), useHardlinks: false, Ct);
        Assert.Equal(Describe(_temp.Combine("big")), Describe(_temp.Combine("big-out")));
    }

    [Fact]
    public async Task ListAsync_SampleTree_YieldsEntriesDepthFirstInNameOrder()
    {
        var root = await _trees.ImportAsync(WriteSampleTree(), Ct);

        var entries = new List<string>();
        await foreach (var e in _trees.ListAsync(root, Ct))
            entries.Add($"{e.Path} {e.Kind}{(e.IsExecutable ? " x" : "")}{(e.SymlinkTarget is { } t ? " -> " + t : "")}");

        Assert.Equal(
        [
            ".hidden File",
            "a.txt File",
            "abs Symlink -> /etc/hostname",
            "bin Directory",
            "bin/dangling Symlink -> ../does/not/exist",
            "bin/tool File x",
            "dirlink Symlink -> nested",
            "empty Directory",
            "link Symlink -> a.txt",
            "nested Directory",
            "nested/deeper Directory",
            "nested/deeper/c.txt File",
            "nested/empty-too Directory",
            "same-as-a.txt File",
            "zero File",
        ], entries);
    }

    [Fact]
    public async Task GetDirectoryAsync_ImportedRoot_HasSortedListsAndNoProperties()
    {
        var root = await _trees.ImportAsync(WriteSampleTree(), Ct);

        var directory = await _trees.GetDirectoryAsync(root, Ct);

        Assert.Equal([".hidden", "a.txt", "same-as-a.txt", "zero"], directory.Files.Select(f => f.Name));
        Assert.Equal(["bin", "empty", "nested"], directory.Directories.Select(d => d.Name));
        Assert.Equal(["abs", "dirlink", "link"], directory.Symlinks.Select(s => s.Name));
        Assert.Null(directory.NodeProperties);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CheckoutAsync_OverwrittenObject_ThrowsCorruptBlobAndStagesNothingCorrupt(bool useHardlinks)
    {
        var root = await _trees.ImportAsync(WriteSampleTree(), ImportMode.Copy, Ct);
        var gamma = Digest.Of(Encoding.UTF8.GetBytes("gamma"));
        Modes.Corrupt(_cas.ObjectPath(gamma), Encoding.UTF8.GetBytes("GAMMA"));
        var target = _temp.Combine("out");

        var error = await Assert.ThrowsAsync<CasException>(() => _trees.CheckoutAsync(root, target, useHardlinks, Ct));

        Assert.Equal(ErrorReason.CorruptBlob, error.Reason);
        Assert.Contains(gamma.Hash, error.Message);
        Assert.False(File.Exists(Path.Combine(target, "nested", "deeper", "c.txt")));
        Assert.Equal([gamma], await _cas.FindMissingAsync([gamma], Ct));
    }

    [Fact]
    public async Task CheckoutAsync_ObjectDeleted_ThrowsBlobNotFound()
    {
        var root = await _trees.ImportAsync(WriteSampleTree(), ImportMode.Copy, Ct);
        File.Delete(_cas.ObjectPath(Digest.Of(Encoding.UTF8.GetBytes("gamma"))));

        var error = await Assert.ThrowsAsync<CasException>(() => _trees.CheckoutAsync(root, _temp.Combine("out"), false, Ct));

        Assert.Equal(ErrorReason.BlobNotFound, error.Reason);
    }

    [Fact]
    public async Task GetDirectoryAsync_EntryNameClimbingOut_ThrowsInvalidData()
    {
        var file = await _cas.PutBytesAsync(Encoding.UTF8.GetBytes("payload"), Ct);
        var evil = new ReapiDirectory();
        evil.Files.Add(new FileNode { Name = "../escape", Digest = new Protos.Reapi.Digest { Hash = file.Hash, SizeBytes = file.SizeBytes } });
        var root = await _trees.PutDirectoryAsync(evil, Ct);

        var error = await Assert.ThrowsAsync<CasException>(() => _trees.CheckoutAsync(root, _temp.Combine("out"), false, Ct));

        Assert.Equal(ErrorReason.InvalidData, error.Reason);
        Assert.False(File.Exists(_temp.Combine("escape")));
    }

    [Fact]
    public async Task GetDirectoryAsync_MissingDigest_ThrowsBlobNotFound()
    {
        var error = await Assert.ThrowsAsync<CasException>(() =>
            _trees.GetDirectoryAsync(Digest.Of(Encoding.UTF8.GetBytes("no such directory")), Ct));

        Assert.Equal(ErrorReason.BlobNotFound, error.Reason);
    }

    [Fact]
    public async Task ImportAsync_SocketInTree_ThrowsUnsupported()
    {
        var source = WriteSampleTree();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(source, "sock")));

        var error = await Assert.ThrowsAsync<CasException>(() => _trees.ImportAsync(source, Ct));

        Assert.Equal(ErrorReason.Unsupported, error.Reason);
    }

    [Fact]
    public async Task ImportAsync_MissingDirectory_ThrowsMissingFile()
    {
        var error = await Assert.ThrowsAsync<CasException>(() => _trees.ImportAsync(_temp.Combine("absent"), Ct));

        Assert.Equal(ErrorReason.MissingFile, error.Reason);
    }
}
