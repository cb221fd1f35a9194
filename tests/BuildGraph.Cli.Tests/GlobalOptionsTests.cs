namespace BuildGraph.Cli.Tests;

/// <summary>Options given before the verb: <c>-C</c>, <c>-o</c>, <c>--config</c> and the display switches.</summary>
[Trait("Category", "Integration")]
public sealed class GlobalOptionsTests
{
    private const string Format = "%{name} %{full-key} %{vars}%{env}";

    private static (string Key, string[] Lines) Describe(CliResult result, string name)
    {
        // One element per block: "<name> <key> <vars...>" then the environment.
        var lines = result.AssertSuccess().Stdout.Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.True(first >= 0, $"{name} not in output:\n{result.Stdout}");
        var parts = lines[first].Split(' ', 3);
        var end = Array.FindIndex(lines, first + 1, l => l.Length == 0);
        return (parts[1], new[] { parts[2] }.Concat(lines[(first + 1)..(end < 0 ? lines.Length : end)]).ToArray());
    }

    [Fact]
    public void DirectoryOption_SubdirectoryOfProject_FindsProjectConfAbove()
    {
        using var project = TestProject.Copy("diamond");

        var result = TestProject.RunRaw("--config", project.UserConfigFile, "--directory",
            Path.Combine(project.Directory, "elements"), "show", "--deps", "none", "--format", "%{name}", "lib.bst");

        Assert.Equal("lib.bst\n", result.AssertSuccess().Stdout);
    }

    [Fact]
    public void ProjectOption_ChangesVariableEnvironmentAndKey()
    {
        using var project = TestProject.Copy("diamond");

        var plain = project.Run("show", "--format", Format, "app.bst");
        var fancy = project.Run("-o", "flavour", "fancy", "show", "--format", Format, "app.bst");

        var (plainKey, plainLines) = Describe(plain, "app.bst");
        var (fancyKey, fancyLines) = Describe(fancy, "app.bst");
        Assert.Contains("flavour: plain", plainLines);
        Assert.Contains("flavour: fancy", fancyLines);
        Assert.Contains("APP_FLAVOUR: fancy", fancyLines);
        Assert.NotEqual(plainKey, fancyKey);
        // base.bst does not use the option: a variable alone is not part of a key.
        Assert.Equal(Describe(plain, "base.bst").Key, Describe(fancy, "base.bst").Key);
    }

    [Fact]
    public void ProjectOption_RepeatedLongForm_LastValueWins()
    {
        using var project = TestProject.Copy("diamond");

        var result = project.Run("--option", "flavour", "fancy", "-o", "flavour", "plain",
            "show", "--deps", "none", "--format", "%{vars}", "app.bst");

        Assert.Contains("flavour: plain", result.AssertSuccess().Lines);
    }

    [Fact]
    public void ConfigOption_ProjectOptions_SetTheOption()
    {
        using var project = TestProject.Copy("diamond");
        var fancy = project.Run("-o", "flavour", "fancy", "show", "--format", Format, "app.bst");
        project.WriteUserConfig("projects:\n  diamond:\n    options:\n      flavour: fancy\n");

        var configured = project.Run("show", "--format", Format, "app.bst");

        var (key, lines) = Describe(configured, "app.bst");
        Assert.Contains("flavour: fancy", lines);
        Assert.Equal(Describe(fancy, "app.bst").Key, key);
    }

    [Fact]
    public void ConfigOption_CommandLineOption_BeatsUserConfig()
    {
        using var project = TestProject.Copy("diamond");
        project.WriteUserConfig("projects:\n  diamond:\n    options:\n      flavour: fancy\n");

        var result = project.Run("-o", "flavour", "plain", "show", "--deps", "none", "--format", "%{vars}", "app.bst");

        Assert.Contains("flavour: plain", result.AssertSuccess().Lines);
    }

    [Fact]
    public void ConfigOption_OtherProjectsSection_IsIgnored()
    {
        using var project = TestProject.Copy("diamond");
        project.WriteUserConfig("projects:\n  elsewhere:\n    options:\n      flavour: fancy\n");

        var result = project.Run("show", "--deps", "none", "--format", "%{vars}", "app.bst");

        Assert.Contains("flavour: plain", result.AssertSuccess().Lines);
    }

    [Fact]
    public void DisplayOptions_BeforeTheVerb_AreAccepted()
    {
        using var project = TestProject.Copy("diamond");
        var expected = project.Run("show", "app.bst").AssertSuccess().Stdout;

        var result = project.Run("--no-interactive", "--no-colors", "show", "app.bst");

        Assert.Equal(expected, result.AssertSuccess().Stdout);
        Assert.Equal("", result.Stderr);
    }
}
