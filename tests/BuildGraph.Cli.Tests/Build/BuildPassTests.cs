namespace BuildGraph.Cli.Tests.Build;

/// <summary>A manual element that builds: what lands in its artifact, its log and the cache state.</summary>
[Trait("Category", "Integration")]
public sealed class BuildPassTests
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    [BuildFact]
    public void Build_ManualElement_ArtifactHoldsInstalledFilesLogAndStateIsCached()
    {
        using var project = BusyboxBase.Copy("build-basic");
        Assert.Equal("buildable", project.StateOf("base.bst"));

        var build = project.Run("build", "hello.bst").AssertSuccess();

        Assert.Equal(["base.bst", "hello.bst"], build.Elements("SUCCESS"));
        Assert.Empty(build.Elements("FAILURE"));
        Assert.Equal("cached", project.StateOf("hello.bst"));
        Assert.Equal("cached", project.StateOf("base.bst"));

        var checkout = project.CheckoutBuilt("hello.bst");
        Assert.Equal(["usr", "usr/bin", "usr/bin/hello", "usr/bin/hi", "usr/share", "usr/share/hello", "usr/share/hello/data.txt"],
            BuildRuns.ListTree(checkout));
        var script = Path.Combine(checkout, "usr/bin/hello");
        Assert.Equal("#!/bin/sh\necho \"hello from bgx\"\n", File.ReadAllText(script));
        Assert.Equal(AnyExecute, File.GetUnixFileMode(script) & AnyExecute);
        var data = Path.Combine(checkout, "usr/share/hello/data.txt");
        Assert.Equal("payload 42\n", File.ReadAllText(data));
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(data) & AnyExecute);
        Assert.Equal("hello", new FileInfo(Path.Combine(checkout, "usr/bin/hi")).LinkTarget);

        var log = project.Run("artifact", "log", "hello.bst").AssertSuccess().Stdout;
        Assert.Contains("# Running build-commands: sed \"s/@GREETING@/hello/\" hello.sh.in > hello.sh", log, StringComparison.Ordinal);
        Assert.Contains("# Running install-commands: chmod 0755 \"/buildstream-install/usr/bin/hello\"", log, StringComparison.Ordinal);
    }
}
