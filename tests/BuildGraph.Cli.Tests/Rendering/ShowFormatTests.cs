using YamlDotNet.Serialization;

namespace BuildGraph.Cli.Tests.Rendering;

/// <summary><c>bgx show --format</c> placeholders, on the diamond fixture.</summary>
[Trait("Category", "Integration")]
public sealed class ShowFormatTests
{
    private static string Show(TestProject project, string format, params string[] targets) =>
        project.Run(new[] { "show", "--deps", "none", "--format", format }.Concat(targets).ToArray())
            .AssertSuccess().Stdout;

    private static Dictionary<string, object> ParseMapping(string yaml) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(yaml);

    private static List<string> ParseList(string yaml) =>
        new DeserializerBuilder().Build().Deserialize<List<string>>(yaml);

    [Fact]
    public void Format_NameKindDescription_PrintsOneLineEach()
    {
        using var project = TestProject.Copy("diamond");

        var output = Show(project, "%{name}|%{kind}|%{description}", "app.bst", "fonts.bst");

        // Only the first line of a multi-line description.
        Assert.Equal("app.bst|manual|The application\nfonts.bst|stack|Fonts\n", output);
    }

    [Fact]
    public void Format_Keys_ShortKeyIsPrefixOfFullKey()
    {
        using var project = TestProject.Copy("diamond");

        var parts = Show(project, "%{key} %{full-key}", "app.bst").TrimEnd('\n').Split(' ');

        Assert.Matches("^[0-9a-f]{8}$", parts[0]);
        Assert.Matches("^[0-9a-f]{64}$", parts[1]);
        Assert.StartsWith(parts[0], parts[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_KeyLengthFromUserConfig_ShortensKey()
    {
        using var project = TestProject.Copy("diamond");
        project.WriteUserConfig("logging:\n  key-length: 12\n");

        var key = Show(project, "%{key}", "app.bst").TrimEnd('\n');

        Assert.Matches("^[0-9a-f]{12}$", key);
    }

    [Fact]
    public void Format_StateWithSpec_PadsAsPythonFormat()
    {
        using var project = TestProject.Copy("diamond");

        var output = Show(project, "[%{state}][%{state: >12}][%{state:*<12}][%{state:^13}]", "app.bst", "base.bst");

        Assert.Equal(
            "[waiting][     waiting][waiting*****][   waiting   ]\n" +
            "[buildable][   buildable][buildable***][  buildable  ]\n", output);
    }

    [Fact]
    public void Format_Config_DumpsExpandedConfiguration()
    {
        using var project = TestProject.Copy("diamond");

        var config = ParseMapping(Show(project, "%{config}", "app.bst"));

        Assert.Equal(new[] { "configure-commands", "build-commands", "install-commands", "strip-commands" }, config.Keys);
        Assert.Equal(new object[] { "echo \"hello plain\" > greeting" }, (List<object>)config["build-commands"]);
        Assert.Empty((List<object>)config["install-commands"]);
        // manual's strip-commands is [%{strip-binaries}], which is empty by default.
        Assert.Equal(new object[] { "" }, (List<object>)config["strip-commands"]);
    }

    [Fact]
    public void Format_VarsOfManualElement_EndWithProjectAndElementVariables()
    {
        using var project = TestProject.Copy("diamond");

        var output = Show(project, "%{vars}", "tool.bst");

        Assert.EndsWith("\n", output);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("prefix: /usr", lines[0]);
        // Builtins, the project's variables, project-name, max-jobs, option exports, then element-name.
        Assert.Equal(new[]
        {
            "build-root: /buildstream/diamond/tool.bst",
            "conf-root: .",
            "install-root: /buildstream-install",
            "strip-binaries: ''",
            "greeting: hello",
            "project-name: diamond",
            $"max-jobs: '{TestProject.MaxJobs}'",
            "flavour: plain",
            "element-name: tool.bst",
        }, lines[^9..]);
    }

    [Fact]
    public void Format_VarsWithElementVariables_ExpandsThemBeforeElementName()
    {
        using var project = TestProject.Copy("diamond");

        var output = Show(project, "%{vars}", "app.bst");

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(new[] { "flavour: plain", "app-dir: /usr/share/app", "element-name: app.bst" }, lines[^3..]);
        Assert.Contains("datadir: /usr/share", lines);
        var vars = ParseMapping(output);
        Assert.All(vars.Values, v => Assert.IsType<string>(v));
        Assert.Equal(TestProject.MaxJobs.ToString(System.Globalization.CultureInfo.InvariantCulture), vars["max-jobs"]);
        Assert.Equal("", vars["strip-binaries"]);
    }

    [Fact]
    public void Format_VarsWithoutMaxJobsInUserConfig_UsesCpuCountUpToEight()
    {
        using var project = TestProject.Copy("diamond");
        File.WriteAllText(project.UserConfigFile, $"cachedir: {project.CacheDirectory}\n");

        var lines = Show(project, "%{vars}", "tool.bst").Split('\n');

        var expected = Math.Min(Environment.ProcessorCount, 8);
        Assert.Contains($"max-jobs: '{expected}'", lines);
    }

    [Fact]
    public void Format_Env_DumpsEnvironmentWithNonStringsQuoted()
    {
        using var project = TestProject.Copy("diamond");

        var output = Show(project, "%{env}", "app.bst");

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("PATH: /usr/bin:/bin:/usr/sbin:/sbin", lines[0]);
        Assert.Contains("SOURCE_DATE_EPOCH: '1321009871'", lines);
        Assert.Contains("DIAMOND: '1'", lines);
        Assert.Equal("APP_FLAVOUR: plain", lines[^1]);
        var env = ParseMapping(output);
        Assert.Equal("1", env["DIAMOND"]);
        Assert.Equal("C", env["LC_ALL"]);
    }

    [Fact]
    public void Format_Public_DumpsExpandedPublicData()
    {
        using var project = TestProject.Copy("diamond");

        var data = ParseMapping(Show(project, "%{public}", "app.bst"));

        var bst = (Dictionary<object, object>)data["bst"];
        Assert.Equal(new object[] { "ls /usr/share/app" }, (List<object>)bst["integration-commands"]);
        var splitRules = (Dictionary<object, object>)bst["split-rules"];
        Assert.Contains("/usr/bin", (List<object>)splitRules["runtime"]);
        Assert.Equal("plain", ((Dictionary<object, object>)data["app"])["flavour"]);
    }

    [Fact]
    public void Format_EmptyMapping_PrintsFlowBraces()
    {
        using var project = TestProject.Copy("diamond");

        var output = Show(project, "%{config}", "fonts.bst");

        Assert.Equal("{}\n", output);
    }

    [Fact]
    public void Format_DependencyLists_AreYamlListsOfDirectDependencies()
    {
        using var project = TestProject.Copy("diamond");

        var deps = ParseList(Show(project, "%{deps}", "app.bst"));
        var build = ParseList(Show(project, "%{build-deps}", "app.bst"));
        var runtime = ParseList(Show(project, "%{runtime-deps}", "app.bst"));

        Assert.Equal(new[] { "lib.bst", "tool.bst", "data.bst" }, deps);
        Assert.Equal(new[] { "lib.bst", "tool.bst" }, build);
        Assert.Equal(new[] { "lib.bst", "data.bst" }, runtime);
    }

    [Fact]
    public void Format_Deps_ListsBuildDependenciesBeforeRuntimeOnlyOnes()
    {
        using var project = TestProject.Copy("diamond");

        // fonts.bst sorts before data.bst (data needs it), but it is a runtime-only dependency.
        var output = Show(project, "%{deps}", "bundle.bst");

        Assert.Equal("- data.bst\n- fonts.bst\n", output);
    }

    [Fact]
    public void Format_DependencyLists_CarryNoTrailingNewline()
    {
        using var project = TestProject.Copy("diamond");

        var output = Show(project, "%{name} %{deps} %{build-deps} %{runtime-deps}", "fonts.bst", "tool.bst");

        Assert.Equal("fonts.bst [] [] []\ntool.bst - base.bst - base.bst []\n", output);
    }

    [Fact]
    public void Format_MappingDumpsForSeveralElements_AreSeparatedByBlankLines()
    {
        using var project = TestProject.Copy("diamond");

        var output = Show(project, "%{name}:\n%{config}", "fonts.bst", "data.bst");

        // Each dump ends in a newline; the output's trailing newlines are stripped before the final one.
        Assert.Equal("fonts.bst:\n{}\n\ndata.bst:\n{}\n", output);
    }

    [Fact]
    public void Format_UnknownPlaceholder_IsLeftAsWritten()
    {
        using var project = TestProject.Copy("diamond");

        var output = Show(project, "%{name} %{no-such-thing}", "fonts.bst");

        Assert.Equal("fonts.bst %{no-such-thing}\n", output);
    }
}
