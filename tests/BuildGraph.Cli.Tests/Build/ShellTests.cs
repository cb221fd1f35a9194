namespace BuildGraph.Cli.Tests.Build;

/// <summary><c>bgx shell ELEMENT -- COMMAND</c>: runs one command in the element's sandbox.</summary>
[Trait("Category", "Integration")]
public sealed class ShellTests
{
    [BuildFact]
    public void Shell_Command_PrintsItsOutputAndReturnsItsExitCode()
    {
        using var project = BusyboxBase.Copy("build-basic");
        project.Run("build", "system.bst").AssertSuccess();

        var hi = project.Run("shell", "system.bst", "--", "sh", "-c", "echo hi");
        var hello = project.Run("shell", "system.bst", "--", "hello");
        var failing = project.Run("shell", "system.bst", "--", "sh", "-c", "echo failing; exit 3");

        Assert.Equal((0, "hi\n"), (hi.ExitCode, hi.Stdout));
        Assert.Equal((0, "hello from bgx\n"), (hello.ExitCode, hello.Stdout));
        Assert.Equal((3, "failing\n"), (failing.ExitCode, failing.Stdout));
    }

    [BuildFact]
    public void Shell_Build_StagesSourcesAtTheBuildRoot()
    {
        using var project = BusyboxBase.Copy("build-basic");
        project.Run("build", "base.bst").AssertSuccess();

        var result = project.Run("shell", "--build", "hello.bst", "--", "sh", "-c", "pwd; cat data.txt; ls /usr/bin/hello 2>&1 || true");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Lines;
        Assert.Equal("/buildstream/basic/hello.bst", lines[0]);
        Assert.Equal("payload 42", lines[1]);
        // hello.bst itself is not built nor staged: only its build dependencies and sources.
        Assert.Contains("No such file", lines[2], StringComparison.Ordinal);
    }

    [BuildFact]
    public void Shell_ElementNotBuilt_FailsTellingToBuildIt()
    {
        using var project = BusyboxBase.Copy("build-basic");

        var result = project.Run("shell", "system.bst", "--", "sh", "-c", "echo hi");

        result.AssertUserError();
        Assert.Contains("bgx build", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hi", result.Stdout, StringComparison.Ordinal);
    }
}
