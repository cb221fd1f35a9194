using System.Text.RegularExpressions;

namespace BuildGraph.Cli.Tests.Commands;

/// <summary>
/// <c>bgx show</c> element selection on the diamond fixture: app build-depends on tool, depends on lib
/// and runtime-depends on data; tool and lib need base; data needs fonts; bundle build-depends on data
/// and runtime-depends on fonts.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShowDepsTests
{
    private static string[] Names(CliResult result) => result.AssertSuccess().Lines;

    [Fact]
    public void Show_DefaultFormat_ListsEveryElementWithStateAndShortKey()
    {
        using var project = TestProject.Copy("diamond");

        var lines = project.Run("show").AssertSuccess().Lines;

        var pattern = new Regex(@"^ *(?<state>[a-z ]+) (?<key>[0-9a-f]{8}) (?<name>\S+)$");
        var parsed = lines.Select(line =>
        {
            var match = pattern.Match(line);
            Assert.True(match.Success, $"unexpected line '{line}'");
            // %{state: >12}: right-aligned in 12 columns.
            Assert.Equal(12, line.IndexOf(' ' + match.Groups["key"].Value, StringComparison.Ordinal));
            return (Name: match.Groups["name"].Value, State: match.Groups["state"].Value, Key: match.Groups["key"].Value);
        }).ToList();
        Assert.Equal(new[] { "base.bst", "lib.bst", "tool.bst", "fonts.bst", "data.bst", "app.bst", "bundle.bst" },
            parsed.Select(p => p.Name));
        var states = parsed.ToDictionary(p => p.Name, p => p.State);
        Assert.Equal("buildable", states["base.bst"]);
        Assert.Equal("buildable", states["fonts.bst"]);
        Assert.Equal("waiting", states["app.bst"]);
        Assert.Equal("waiting", states["lib.bst"]);

        var fullKeys = project.Run("show", "--format", "%{name} %{full-key}").AssertSuccess().Lines
            .Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        Assert.All(parsed, p => Assert.Equal(fullKeys[p.Name][..8], p.Key));
    }

    [Theory]
    [InlineData("none", new[] { "app.bst" })]
    [InlineData("run", new[] { "base.bst", "lib.bst", "fonts.bst", "data.bst", "app.bst" })]
    [InlineData("build", new[] { "base.bst", "lib.bst", "tool.bst" })]
    [InlineData("all", new[] { "base.bst", "lib.bst", "tool.bst", "fonts.bst", "data.bst", "app.bst" })]
    public void ShowDeps_Scope_SelectsElementsInStagingOrder(string deps, string[] expected)
    {
        using var project = TestProject.Copy("diamond");

        var names = Names(project.Run("show", "--deps", deps, "--format", "%{name}", "app.bst"));

        Assert.Equal(expected, names);
    }

    [Fact]
    public void ShowDeps_NoDepsOption_DefaultsToAll()
    {
        using var project = TestProject.Copy("diamond");

        var names = Names(project.Run("show", "--format", "%{name}", "app.bst"));

        Assert.Equal(new[] { "base.bst", "lib.bst", "tool.bst", "fonts.bst", "data.bst", "app.bst" }, names);
    }

    [Fact]
    public void ShowDeps_Plan_ListsEverythingUncachedWithDependenciesFirst()
    {
        using var project = TestProject.Copy("diamond");

        var names = Names(project.Run("show", "--deps", "plan", "--format", "%{name}", "app.bst")).ToList();

        // Nothing is cached, so the plan holds the whole pipeline.
        Assert.Equal(new[] { "app.bst", "base.bst", "data.bst", "fonts.bst", "lib.bst", "tool.bst" }, names.Order(StringComparer.Ordinal));
        Assert.True(names.IndexOf("base.bst") < names.IndexOf("lib.bst"));
        Assert.True(names.IndexOf("base.bst") < names.IndexOf("tool.bst"));
        Assert.True(names.IndexOf("fonts.bst") < names.IndexOf("data.bst"));
        Assert.Equal("app.bst", names[^1]);
    }

    [Fact]
    public void ShowDeps_MultipleTargets_ListsSharedDependenciesOnce()
    {
        using var project = TestProject.Copy("diamond");

        var names = Names(project.Run("show", "--deps", "all", "--format", "%{name}", "lib.bst", "tool.bst"));

        Assert.Equal(new[] { "base.bst", "lib.bst", "tool.bst" }, names);
    }

    [Fact]
    public void ShowExcept_ElementWithPrivateDependency_DropsBoth()
    {
        using var project = TestProject.Copy("diamond");

        var names = Names(project.Run("show", "--except", "data.bst", "--format", "%{name}", "app.bst"));

        // fonts.bst is only needed through data.bst.
        Assert.Equal(new[] { "base.bst", "lib.bst", "tool.bst", "app.bst" }, names);
    }

    [Fact]
    public void ShowExcept_ElementWithSharedDependency_KeepsWhatOthersNeed()
    {
        using var project = TestProject.Copy("diamond");

        var names = Names(project.Run("show", "--except", "lib.bst", "--format", "%{name}", "app.bst"));

        // base.bst stays: tool.bst needs it too.
        Assert.Equal(new[] { "base.bst", "tool.bst", "fonts.bst", "data.bst", "app.bst" }, names);
    }

    [Fact]
    public void ShowExcept_WithRunScope_AppliesToTheSelection()
    {
        using var project = TestProject.Copy("diamond");

        var names = Names(project.Run("show", "--deps", "run", "--except", "data.bst", "--format", "%{name}", "app.bst"));

        Assert.Equal(new[] { "base.bst", "lib.bst", "app.bst" }, names);
    }

    [Fact]
    public void ShowOrder_Alpha_SortsByName()
    {
        using var project = TestProject.Copy("diamond");

        var names = Names(project.Run("show", "--order", "alpha", "--format", "%{name}", "app.bst"));

        Assert.Equal(new[] { "app.bst", "base.bst", "data.bst", "fonts.bst", "lib.bst", "tool.bst" }, names);
    }

    [Fact]
    public void ShowTarget_PathToTheFile_IsAccepted()
    {
        using var project = TestProject.Copy("diamond");

        var names = Names(project.Run("show", "--deps", "none", "--format", "%{name}",
            Path.Combine(project.Directory, "elements", "lib.bst")));

        Assert.Equal(new[] { "lib.bst" }, names);
    }
}
