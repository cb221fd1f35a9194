using System.Text.RegularExpressions;

namespace BuildGraph.Cli.Tests.Commands;

/// <summary>
/// User errors end <c>bgx show</c> with exit code 2 and one message on stderr, led by the provenance of
/// the offending YAML, without a stack trace.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShowErrorTests
{
    [Theory]
    [InlineData("unknown-key.bst", @"elements/unknown-key\.bst \[line 3 column 1\]")]
    [InlineData("missing-dep.bst", @"elements/missing-dep\.bst \[line 4 column 3\]")]
    [InlineData("undefined-var.bst", @"elements/undefined-var\.bst \[line 3 column 13\]")]
    [InlineData("bad-yaml.bst", @"elements/bad-yaml\.bst \[line \d+ column \d+\]")]
    [InlineData("cycle-a.bst", @"elements/cycle-[abc]\.bst \[line \d+ column \d+\]")]
    public void Show_BrokenElement_FailsWithProvenance(string target, string provenance)
    {
        using var project = TestProject.Copy("broken");

        var result = project.Run("show", target);

        result.AssertUserError();
        Assert.Matches(new Regex("^error: " + provenance + ": "), result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Show_Cycle_NamesEveryElementOfTheChain()
    {
        using var project = TestProject.Copy("broken");

        var result = project.Run("show", "cycle-b.bst").AssertUserError();

        Assert.Contains("cycle-a.bst", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("cycle-b.bst", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("cycle-c.bst", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_FineElementBesideBrokenOnes_Succeeds()
    {
        using var project = TestProject.Copy("broken");

        var result = project.Run("show", "--format", "%{name}", "fine.bst");

        Assert.Equal("fine.bst\n", result.AssertSuccess().Stdout);
    }

    [Fact]
    public void Show_UnknownElementOnCommandLine_Fails()
    {
        using var project = TestProject.Copy("diamond");

        var result = project.Run("show", "nope.bst").AssertUserError();

        Assert.Contains("nope.bst", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Show_NoProjectConf_Fails()
    {
        using var project = TestProject.Empty();

        var result = project.Run("show").AssertUserError();

        Assert.StartsWith("error: " + project.Directory, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_BadEnumOptionValue_Fails()
    {
        using var project = TestProject.Copy("diamond");

        var result = project.Run("-o", "flavour", "bogus", "show").AssertUserError();

        Assert.Contains("bogus", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Show_UndeclaredOption_Fails()
    {
        using var project = TestProject.Copy("diamond");

        var result = project.Run("-o", "nosuch", "x", "show").AssertUserError();

        Assert.Contains("nosuch", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_BadOptionValueInUserConfig_Fails()
    {
        using var project = TestProject.Copy("diamond");
        project.WriteUserConfig("projects:\n  diamond:\n    options:\n      flavour: bogus\n");

        project.Run("show").AssertUserError();
    }

    [Fact]
    public void Show_MissingConfigFile_Fails()
    {
        using var project = TestProject.Copy("diamond");

        var result = TestProject.RunRaw("--config", Path.Combine(project.CacheDirectory, "nope.conf"), "-C", project.Directory, "show");

        result.AssertUserError();
    }

    [Fact]
    public void Show_UnknownKeyInUserConfig_FailsWithProvenance()
    {
        using var project = TestProject.Copy("diamond");
        project.WriteUserConfig("colour: blue\n");

        var result = project.Run("show").AssertUserError();

        Assert.StartsWith($"error: {project.UserConfigFile} [line 4 column 1]: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_ExceptUnknownElement_Fails()
    {
        using var project = TestProject.Copy("diamond");

        project.Run("show", "--except", "nope.bst", "app.bst").AssertUserError();
    }

    [Theory]
    [InlineData("show", "--deps", "bogus")]
    [InlineData("show", "--order", "random")]
    [InlineData("show", "--no-such-flag")]
    [InlineData("frobnicate")]
    public void Run_UsageError_FailsWithExitCodeTwoAndNothingOnStdout(params string[] args)
    {
        using var project = TestProject.Copy("diamond");

        var result = project.Run(args).AssertUserError();

        Assert.Equal("", result.Stdout);
    }
}
