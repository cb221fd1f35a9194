using BuildGraph.Abstractions;

namespace BuildGraph.Sandbox.Tests;

public sealed class BwrapArgumentsTests
{
    private static readonly SandboxCommand Command = new()
    {
        RootDirectory = "/stage/sysroot",
        Arguments = ["sh", "-c", "-e", "make\n"],
        Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["MAKEFLAGS"] = "-j4" },
        WorkingDirectory = "ignored",
    };

    [Fact]
    public void Build_Defaults_HermeticReadOnlyRoot()
    {
        var args = BwrapArguments.Build(Command, "/buildstream/p/e.bst", ["/buildstream/p/e.bst", "/buildstream-install"], 3);

        Assert.Equal(
        [
            "--unshare-all", "--die-with-parent", "--new-session", "--uid", "0", "--gid", "0",
            "--hostname", "buildstream",
            "--clearenv", "--setenv", "MAKEFLAGS", "-j4", "--setenv", "PATH", "/usr/bin:/bin",
            "--json-status-fd", "3",
            "--ro-bind", "/stage/sysroot", "/",
            "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
            "--bind", "/stage/sysroot/buildstream/p/e.bst", "/buildstream/p/e.bst",
            "--bind", "/stage/sysroot/buildstream-install", "/buildstream-install",
            "--chdir", "/buildstream/p/e.bst",
            "--", "sh", "-c", "-e", "make\n",
        ], args);
    }

    [Fact]
    public void Build_Network_SharesNetAfterUnshareAll()
    {
        var args = BwrapArguments.Build(Command with { Network = true }, "/", [], 3);

        Assert.Equal(["--unshare-all", "--share-net"], args.Take(2));
    }

    [Fact]
    public void Build_Interactive_NoNewSession()
    {
        var args = BwrapArguments.Build(Command with { Interactive = true }, "/", [], 3);

        Assert.DoesNotContain("--new-session", args);
        Assert.Contains("--die-with-parent", args);
    }

    [Fact]
    public void Build_UidGid_Passed()
    {
        var args = BwrapArguments.Build(Command with { Uid = 1000, Gid = 100 }, "/", [], 3);

        Assert.Equal(["--uid", "1000", "--gid", "100"], args.SkipWhile(a => a != "--uid").Take(4));
    }

    [Fact]
    public void Build_RootWritable_BindsRootWithoutExtraBinds()
    {
        var args = BwrapArguments.Build(Command with { RootReadOnly = false }, "/", ["/build"], 3);

        Assert.Equal(["--bind", "/stage/sysroot", "/"], args.SkipWhile(a => a != "--bind").Take(3));
        Assert.DoesNotContain("--ro-bind", args);
        Assert.DoesNotContain("/build", args);
    }

    [Fact]
    public void Build_WritableRootDirectory_BindsRootWritable()
    {
        var args = BwrapArguments.Build(Command, "/", ["/"], 3);

        Assert.DoesNotContain("--ro-bind", args);
    }

    [Fact]
    public void Build_ArgumentsLikeOptions_AfterDoubleDash()
    {
        var args = BwrapArguments.Build(Command with { Arguments = ["--help"] }, "/", [], 3);

        Assert.Equal(["--", "--help"], args.TakeLast(2));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A=B")]
    public void Build_InvalidVariableName_Throws(string name)
    {
        var command = Command with { Environment = new Dictionary<string, string> { [name] = "x" } };

        Assert.Throws<ArgumentException>(() => BwrapArguments.Build(command, "/", [], 3));
    }
}
