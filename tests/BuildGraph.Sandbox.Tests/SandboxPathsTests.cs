using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Sandbox.Tests;

public sealed class SandboxPathsTests : IDisposable
{
    private readonly string _base = Directory.CreateTempSubdirectory("bgx-paths-").FullName;
    private readonly string _root;
    private readonly string _outside;

    public SandboxPathsTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_base, "root")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_base, "outside")).FullName;
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/a/b", "/a/b")]
    [InlineData("//a/./b/", "/a/b")]
    [InlineData("/a/../b", "/b")]
    [InlineData("/../../b", "/b")]
    public void ResolveDirectory_Create_CanonicalAndCreated(string path, string expected)
    {
        Assert.Equal(expected, SandboxPaths.ResolveDirectory(_root, path, create: true));
        Assert.True(Directory.Exists(SandboxPaths.ToHost(_root, expected)));
    }

    [Fact]
    public void ResolveDirectory_AbsoluteSymlink_ResolvedInsideRoot()
    {
        Directory.CreateDirectory(Path.Combine(_root, "usr/lib"));
        File.CreateSymbolicLink(Path.Combine(_root, "lib"), "/usr/lib");

        Assert.Equal("/usr/lib/x", SandboxPaths.ResolveDirectory(_root, "/lib/x", create: true));
        Assert.True(Directory.Exists(Path.Combine(_root, "usr/lib/x")));
    }

    [Fact]
    public void ResolveDirectory_SymlinkToHostPath_NeverTouchesHost()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "escape"), _outside);

        var resolved = SandboxPaths.ResolveDirectory(_root, "/escape/made", create: true);

        Assert.Equal(_outside + "/made", resolved);
        Assert.Empty(Directory.GetFileSystemEntries(_outside));
    }

    [Fact]
    public void ResolveDirectory_RelativeSymlinkClimbingOut_StaysInRoot()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "up"), "../../../outside");

        Assert.Equal("/outside/made", SandboxPaths.ResolveDirectory(_root, "/up/made", create: true));
        Assert.Empty(Directory.GetFileSystemEntries(_outside));
    }

    [Fact]
    public void ResolveDirectory_SymlinkLoop_Throws()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "loop"), "/loop");

        var e = Assert.Throws<SandboxException>(() => SandboxPaths.ResolveDirectory(_root, "/loop/x", create: true));

        Assert.Equal(ErrorReason.CommandFailed, e.Reason);
    }

    [Fact]
    public void ResolveDirectory_FileInTheWay_Throws()
    {
        File.WriteAllText(Path.Combine(_root, "file"), "");

        var e = Assert.Throws<SandboxException>(() => SandboxPaths.ResolveDirectory(_root, "/file/x", create: true));

        Assert.Equal(ErrorDomain.Sandbox, e.Domain);
        Assert.Equal(ErrorReason.CommandFailed, e.Reason);
    }

    [Fact]
    public void ResolveDirectory_MissingWithoutCreate_Throws()
    {
        Assert.Throws<SandboxException>(() => SandboxPaths.ResolveDirectory(_root, "/missing", create: false));
        Assert.False(Directory.Exists(Path.Combine(_root, "missing")));
    }

    [Fact]
    public void ResolveDirectory_Relative_Throws()
    {
        Assert.Throws<ArgumentException>(() => SandboxPaths.ResolveDirectory(_root, "relative", create: true));
    }
}
