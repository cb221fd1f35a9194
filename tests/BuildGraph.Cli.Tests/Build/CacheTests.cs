using System.Diagnostics;

namespace BuildGraph.Cli.Tests.Build;

/// <summary>Cached artifacts are reused; a change rebuilds the changed element and what depends on it only.</summary>
[Trait("Category", "Integration")]
public sealed class CacheTests
{
    private static readonly string[] Everything = ["base.bst", "a.bst", "b.bst", "c.bst", "d.bst"];

    [BuildFact]
    public void Build_Twice_SecondRunBuildsNothingAndIsFast()
    {
        using var project = BusyboxBase.Copy("build-chain");
        var clock = Stopwatch.StartNew();
        var first = project.Run("build", "c.bst", "d.bst").AssertSuccess();
        var building = clock.Elapsed;
        Assert.Equal(Everything.Order(StringComparer.Ordinal), first.Elements("START").Order(StringComparer.Ordinal));

        clock.Restart();
        var second = project.Run("build", "c.bst", "d.bst").AssertSuccess();
        var cached = clock.Elapsed;

        Assert.Empty(second.Elements("START"));
        Assert.Equal(Everything.Order(StringComparer.Ordinal), second.Elements("CACHED").Order(StringComparer.Ordinal));
        Assert.Contains("Built 0, failed 0, skipped 0.", second.Stdout, StringComparison.Ordinal);
        // Loose bounds: other builds may share the machine.
        Assert.True(cached < building && cached < TimeSpan.FromSeconds(10), $"a fully cached build took {cached}, building took {building}");
    }

    [BuildFact]
    public void Build_MiddleOfChainChanged_RebuildsItAndReverseDependenciesOnly()
    {
        using var project = BusyboxBase.Copy("build-chain");
        project.Run("build", "c.bst", "d.bst").AssertSuccess();
        var path = Path.Combine(project.Directory, "elements", "b.bst");
        File.WriteAllText(path, File.ReadAllText(path).Replace("echo \"%{message}\"", "echo \"%{message}\" changed", StringComparison.Ordinal));
        Assert.Contains("changed", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal("buildable", project.StateOf("b.bst"));
        Assert.Equal("waiting", project.StateOf("c.bst"));

        var result = project.Run("build", "c.bst", "d.bst").AssertSuccess();

        Assert.Equal(["b.bst", "c.bst"], result.Elements("START"));
        Assert.Equal(["a.bst", "base.bst", "d.bst"], result.Elements("CACHED").Order(StringComparer.Ordinal));
        var checkout = project.CheckoutBuilt("b.bst");
        Assert.Equal("b changed\n", File.ReadAllText(Path.Combine(checkout, "usr/share/chain/b.txt")));
    }
}
