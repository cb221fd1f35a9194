namespace BuildGraph.Cli.Tests.Build;

/// <summary>import, stack, compose, filter and script elements, judged by their checkouts.</summary>
[Trait("Category", "Integration")]
public sealed class KindTests(KindsProject kinds) : IClassFixture<KindsProject>
{
    private TestProject Project => kinds.Project;

    [BuildFact]
    public void Import_SourceAndTarget_PlacesTheSourceSubdirectoryAtTarget()
    {
        var checkout = Project.CheckoutBuilt("payload.bst");

        Assert.Equal(["opt", "opt/tree", "opt/tree/file.txt"], BuildRuns.ListTree(checkout));
        Assert.Equal("deep file\n", File.ReadAllText(Path.Combine(checkout, "opt/tree/file.txt")));
    }

    [BuildFact]
    public void Stack_CheckoutWithRunDeps_HoldsItsDependenciesFiles()
    {
        Assert.Equal("", Project.Run("artifact", "list-contents", "stack.bst").AssertSuccess().Stdout);

        var checkout = Project.CheckoutBuilt("stack.bst", deps: "run");

        var files = BuildRuns.ListTree(checkout);
        Assert.Contains("opt/tree/file.txt", files);
        Assert.Contains("usr/bin/lib-tool", files);
        Assert.Contains("usr/include/lib.h", files);
        Assert.Contains("misc/orphan.txt", files);
        // base.bst is only a build dependency of lib.bst: not part of the stack's runtime.
        Assert.DoesNotContain("bin/busybox", files);
    }

    [BuildFact]
    public void Compose_IncludeExcludeDomainsAndIntegrate_KeepsRuntimeAndIntegrationOutput()
    {
        var checkout = Project.CheckoutBuilt("compose.bst");

        var files = BuildRuns.ListTree(checkout).Where(p => !Directory.Exists(Path.Combine(checkout, p)) || new FileInfo(Path.Combine(checkout, p)).LinkTarget is not null);
        Assert.Equal(["etc/lib.conf", "usr/bin/lib-tool"], files);
        Assert.Equal("integrated\n", File.ReadAllText(Path.Combine(checkout, "etc/lib.conf")));
    }

    [BuildFact]
    public void Filter_IncludeOneDomain_KeepsOnlyThatDomain()
    {
        var checkout = Project.CheckoutBuilt("filter.bst");

        Assert.Equal(["usr", "usr/include", "usr/include/lib.h"], BuildRuns.ListTree(checkout));
        Assert.Equal("header\n", File.ReadAllText(Path.Combine(checkout, "usr/include/lib.h")));
    }

    [BuildFact]
    public void Script_WritableRootAndDependencyLocation_WritesRootAndReadsSysroot()
    {
        var checkout = Project.CheckoutBuilt("script.bst");

        Assert.Equal("written\n", File.ReadAllText(Path.Combine(checkout, "root-was-writable")));
        Assert.Equal("deep file\n", File.ReadAllText(Path.Combine(checkout, "from-sysroot")));
        Assert.Equal("no\n", File.ReadAllText(Path.Combine(checkout, "payload-at-root")));
    }

    [BuildFact]
    public void Script_ReadOnlyRoot_WritingToRootFails()
    {
        var result = Project.Run("build", "script-read-only.bst");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal(["script-read-only.bst"], result.Elements("FAILURE"));
        Assert.Contains("/written-to-root", result.Stdout, StringComparison.Ordinal);
    }
}
