namespace BuildGraph.Cli.Tests.Commands;

/// <summary><c>--log-file FILE</c> keeps a copy of what bgx printed, errors included.</summary>
public sealed class LogFileTests
{
    [Fact]
    public void LogFile_Show_CopiesTheOutputIntoTheFile()
    {
        using var project = TestProject.Copy("diamond");
        var log = Path.Combine(project.CacheDirectory, "bgx.log");

        var result = project.Run("--log-file", log, "show", "--format", "%{name}", "app.bst").AssertSuccess();

        var logged = File.ReadAllText(log);
        Assert.Contains("app.bst", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("show --format %{name} app.bst", logged, StringComparison.Ordinal);
        Assert.Contains("\napp.bst\n", logged, StringComparison.Ordinal);
    }

    [Fact]
    public void LogFile_UserError_IsLoggedToo()
    {
        using var project = TestProject.Copy("diamond");
        var log = Path.Combine(project.CacheDirectory, "bgx.log");

        var result = project.Run("--log-file", log, "show", "missing.bst");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error: ", File.ReadAllText(log), StringComparison.Ordinal);
    }
}
