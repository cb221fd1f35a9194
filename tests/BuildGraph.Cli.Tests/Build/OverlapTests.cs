namespace BuildGraph.Cli.Tests.Build;

/// <summary>
/// Two staged dependencies installing the same path: allowed by the later one's overlap-whitelist,
/// otherwise an <c>overlaps</c> warning, fatal when the project says so.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OverlapTests
{
    [BuildFact]
    public void Build_OverlapWhitelistedWithVariableGlob_SucceedsWithoutWarningLaterWins()
    {
        using var project = BusyboxBase.Copy("build-overlaps");

        var result = project.Run("build", "allowed.bst").AssertSuccess();

        Assert.Empty(result.Elements("WARNING"));
        Assert.DoesNotContain("overlap", result.Stdout + result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("second\n", File.ReadAllText(Path.Combine(project.CheckoutBuilt("allowed.bst"), "seen")));
    }

    [BuildFact]
    public void Build_OverlapNotWhitelisted_WarnsNamingPathAndElementsAndSucceeds()
    {
        using var project = BusyboxBase.Copy("build-overlaps");

        var result = project.Run("build", "clash.bst").AssertSuccess();

        Assert.Equal(["clash.bst"], result.Elements("WARNING"));
        var warning = string.Join('\n', result.Lines.SkipWhile(l => !l.Contains("WARNING", StringComparison.Ordinal)).Take(3));
        Assert.Contains("/usr/bin/tool", warning, StringComparison.Ordinal);
        Assert.Contains("first.bst", warning, StringComparison.Ordinal);
        Assert.Contains("unlisted.bst", warning, StringComparison.Ordinal);
        Assert.Contains("[overlaps]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning:", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("unlisted\n", File.ReadAllText(Path.Combine(project.CheckoutBuilt("clash.bst"), "seen")));
    }

    [BuildFact]
    public void Build_OverlapNotWhitelistedFatal_FailsNamingBothElementsAndPath()
    {
        using var project = BusyboxBase.Copy("build-overlaps");
        File.AppendAllText(Path.Combine(project.Directory, "project.conf"), "fatal-warnings:\n- overlaps\n");

        var result = project.Run("build", "clash.bst");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal(["clash.bst"], result.Elements("FAILURE"));
        var failure = string.Join('\n', result.Lines.SkipWhile(l => !l.Contains("FAILURE", StringComparison.Ordinal)));
        Assert.Contains("/usr/bin/tool", failure, StringComparison.Ordinal);
        Assert.Contains("first.bst", failure, StringComparison.Ordinal);
        Assert.Contains("unlisted.bst", failure, StringComparison.Ordinal);
        Assert.Equal("buildable", project.StateOf("clash.bst"));
    }

    [BuildFact]
    public void Build_WhitelistedOverlapFatal_StillSucceeds()
    {
        using var project = BusyboxBase.Copy("build-overlaps");
        File.AppendAllText(Path.Combine(project.Directory, "project.conf"), "fatal-warnings:\n- overlaps\n");

        var result = project.Run("build", "allowed.bst").AssertSuccess();

        Assert.Empty(result.Elements("WARNING"));
        Assert.Equal("cached", project.StateOf("allowed.bst"));
    }
}
