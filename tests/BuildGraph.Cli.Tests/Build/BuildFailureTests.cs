namespace BuildGraph.Cli.Tests.Build;

/// <summary>A command exiting non-zero: what the user is told, what is (not) cached, and --on-error.</summary>
[Trait("Category", "Integration")]
public sealed class BuildFailureTests
{
    [BuildFact]
    public void Build_CommandExits1_FailsNamingElementCommandAndLog()
    {
        using var project = BusyboxBase.Copy("build-basic");

        var result = project.Run("build", "broken.bst");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal(["broken.bst"], result.Elements("FAILURE"));
        Assert.Contains("error: 1 element(s) failed to build: broken.bst", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Command failed with exit code 1: exit 1", result.Stdout, StringComparison.Ordinal);
        var logLine = result.Lines.Single(l => l.TrimStart().StartsWith("log: ", StringComparison.Ordinal));
        var logFile = logLine.Trim()["log: ".Length..];
        Assert.StartsWith(project.CacheDirectory, logFile, StringComparison.Ordinal);
        var log = File.ReadAllText(logFile);
        Assert.Contains("before-the-failure", log, StringComparison.Ordinal);
        Assert.DoesNotContain("never-reached", log, StringComparison.Ordinal);
    }

    [BuildFact]
    public void Build_CommandFails_NoArtifactIsStored()
    {
        using var project = BusyboxBase.Copy("build-basic");

        Assert.Equal(ExitCodes.UserError, project.Run("build", "broken.bst").ExitCode);

        Assert.Equal("cached", project.StateOf("base.bst"));
        Assert.Equal("buildable", project.StateOf("broken.bst"));
        var (checkout, _) = project.Checkout("broken.bst");
        checkout.AssertUserError();
        Assert.Contains("broken.bst", checkout.Stderr, StringComparison.Ordinal);
        project.Run("artifact", "log", "broken.bst").AssertUserError();
        // Nothing stays behind in the scratch area either.
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(project.CacheDirectory, "tmp")));
    }

    [BuildFact]
    public void Build_OnErrorContinue_IndependentElementStillBuilds()
    {
        using var project = BusyboxBase.Copy("build-basic");

        var result = project.Run("build", "--builders", "1", "--on-error", "continue", "broken.bst", "after-broken.bst", "independent.bst");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal(["broken.bst"], result.Elements("FAILURE"));
        Assert.Equal(["after-broken.bst"], result.Elements("SKIPPED"));
        Assert.Contains("independent.bst", result.Elements("SUCCESS"));
        Assert.Equal("cached", project.StateOf("independent.bst"));
        Assert.Equal("waiting", project.StateOf("after-broken.bst"));
    }

    [BuildFact]
    public void Build_OnErrorQuit_IndependentElementIsSkipped()
    {
        using var project = BusyboxBase.Copy("build-basic");

        // One builder: broken.bst (listed first) fails before independent.bst could start.
        var result = project.Run("build", "--builders", "1", "--on-error", "quit", "broken.bst", "independent.bst");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal(["broken.bst"], result.Elements("FAILURE"));
        Assert.Equal(["independent.bst"], result.Elements("SKIPPED"));
        Assert.DoesNotContain("independent.bst", result.Elements("START"));
        Assert.Equal("buildable", project.StateOf("independent.bst"));
    }
}
