using BuildGraph.Abstractions;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>
/// Dependency declarations, merging, sorting and scopes (format.md §2, §6); after BuildStream's
/// tests/format/dependencies.py.
/// </summary>
public class DependencyTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("dependencies");

    public void Dispose() => _project.Dispose();

    private static Dependency Dep(Element element, string name) =>
        Assert.Single(element.Dependencies, d => d.Element.FullName == name);

    [Fact]
    public void Dependencies_AllForms_HaveDeclaredTypes()
    {
        var app = _project.Element("app.bst");

        Assert.Equal(DependencyType.Build, Dep(app, "tool.bst").Type);
        Assert.Equal(DependencyType.Runtime, Dep(app, "runtime-only.bst").Type);
        Assert.Equal(DependencyType.All, Dep(app, "lib.bst").Type);
        Assert.Equal(DependencyType.Build, Dep(app, "extra-a.bst").Type);
        Assert.Equal(DependencyType.Build, Dep(app, "extra-b.bst").Type);
        Assert.Equal(DependencyType.Build, Dep(app, "sysroot.bst").Type);
    }

    [Fact]
    public void Dependency_StrictTrue_IsStrictOthersNot()
    {
        var app = _project.Element("app.bst");

        Assert.True(Dep(app, "base.bst").Strict);
        Assert.False(Dep(app, "lib.bst").Strict);
    }

    [Fact]
    public void Dependency_WithConfig_KeepsLocation()
    {
        var app = _project.Element("app.bst");

        var config = Assert.Single(Dep(app, "sysroot.bst").Configs);
        Assert.Equal("/sysroot", config.GetString("location"));
        Assert.Empty(Dep(app, "lib.bst").Configs);
    }

    [Fact]
    public void Dependencies_DeclaredOutOfOrder_AreSortedByReachabilityTypeThenName() =>
        Assert.Equal(["base.bst", "extra-a.bst", "extra-b.bst", "lib.bst", "sysroot.bst", "tool.bst", "runtime-only.bst"],
            Names(_project.Element("app.bst").Dependencies.Select(d => d.Element)));

    [Fact]
    public void BuildScope_OfApp_HoldsBuildDepsWithRuntimeClosuresButNotBuildDepsOfBuildDeps() =>
        Assert.Equal(["base.bst", "extra-a.bst", "extra-b.bst", "lib.bst", "sysroot.bst", "tool.bst"],
            Names(Scopes.Build(_project.Element("app.bst"))));

    [Fact]
    public void RunScope_OfApp_HoldsRuntimeClosureAndSelf() =>
        Assert.Equal(["base.bst", "lib.bst", "runtime-only.bst", "app.bst"], Names(Scopes.Run(_project.Element("app.bst"))));

    [Fact]
    public void Duplicates_BuildAndRuntime_MergeIntoOneAllDependency()
    {
        var merged = _project.Element("merged.bst");

        Assert.Equal(2, merged.Dependencies.Count);
        Assert.Equal(DependencyType.All, Dep(merged, "base.bst").Type);
    }

    [Fact]
    public void Duplicates_WithConfigsAndStrict_ConcatenateConfigsAndOrStrict()
    {
        var lib = Dep(_project.Element("merged.bst"), "lib.bst");

        Assert.Equal(DependencyType.Build, lib.Type);
        Assert.True(lib.Strict);
        Assert.Equal(["/one", "/two"], lib.Configs.Select(c => c.GetString("location")));
    }

    [Fact]
    public void Scopes_DiamondProject_All()
    {
        var target = _project.Element("scopes/target.bst");

        Assert.Equal(["scopes/compiler-compiler.bst", "scopes/compiler-runtime.bst", "scopes/compiler.bst", "scopes/left.bst",
            "scopes/plugin.bst", "scopes/right.bst", "scopes/target.bst"], Names(Scopes.All(target)));
    }

    [Fact]
    public void Scopes_DiamondProject_Run() =>
        Assert.Equal(["scopes/left.bst", "scopes/plugin.bst", "scopes/right.bst", "scopes/target.bst"],
            Names(Scopes.Run(_project.Element("scopes/target.bst"))));

    [Fact]
    public void Scopes_DiamondProject_Build() =>
        Assert.Equal(["scopes/left.bst", "scopes/plugin.bst", "scopes/right.bst"],
            Names(Scopes.Build(_project.Element("scopes/target.bst"))));

    [Fact]
    public void Scopes_BuildOfChild_StagesRuntimeOfBuildDepNotItsBuildDeps() =>
        Assert.Equal(["scopes/compiler-runtime.bst", "scopes/compiler.bst"],
            Names(Scopes.Build(_project.Load("scopes/target.bst").Find("scopes/right.bst")!)));

    [Fact]
    public void Graph_InDependencyOrder_PutsDependenciesFirst()
    {
        var order = Names(_project.Load("app.bst").InDependencyOrder);

        Assert.Equal(9, order.Count);
        Assert.True(order.IndexOf("base.bst") < order.IndexOf("lib.bst"));
        Assert.True(order.IndexOf("tool-builder.bst") < order.IndexOf("tool.bst"));
        Assert.Equal("app.bst", order[^1]);
    }

    [Fact]
    public void MissingDependency_ThrowsMissingFileAtDependency() =>
        Fails(ErrorReason.MissingFile, "elements/missing.bst", 4, 3, () => _project.Load("missing.bst"));

    [Theory]
    [InlineData("bad-suffix-dep.bst")]
    [InlineData("bad-chars-dep.bst")]
    public void DependencyName_Invalid_ThrowsInvalidElementNameAtDependency(string element) =>
        Fails(ErrorReason.InvalidElementName, $"elements/{element}", 3, 3, () => _project.Load(element));

    [Theory]
    [InlineData("farm.pony")]
    [InlineData("The \"quoted\" pony.bst")]
    public void TargetName_Invalid_ThrowsInvalidElementName(string target) =>
        Fails(ErrorReason.InvalidElementName, () => _project.Load(target));

    [Fact]
    public void Cycle_ThroughThreeElements_ThrowsCircularDependencyAtTheClosingDependency() =>
        Fails(ErrorReason.CircularDependency, "elements/cycle-c.bst", 3, 3, () => _project.Load("cycle-a.bst"));

    [Fact]
    public void DependencyType_Unknown_ThrowsInvalidDataAtType() =>
        Fails(ErrorReason.InvalidData, "elements/bad-type.bst", 4, 9, () => _project.Load("bad-type.bst"));

    [Fact]
    public void Strict_False_ThrowsInvalidData() =>
        Fails(ErrorReason.InvalidData, "elements/strict-false.bst", 4, 11, () => _project.Load("strict-false.bst"));

    [Fact]
    public void Strict_OnRuntimeOnlyDependency_ThrowsInvalidData() =>
        Fails(ErrorReason.InvalidData, "elements/strict-runtime.bst", 4, 11, () => _project.Load("strict-runtime.bst"));

    [Fact]
    public void Config_OnRuntimeOnlyDependency_ThrowsInvalidData() =>
        Fails(ErrorReason.InvalidData, "elements/config-runtime.bst", 6, 5, () => _project.Load("config-runtime.bst"));

    [Fact]
    public void Type_InBuildDepends_ThrowsUnexpectedKey() =>
        Fails(ErrorReason.UnexpectedKey, "elements/type-in-build-depends.bst", 4, 3, () => _project.Load("type-in-build-depends.bst"));

    [Fact]
    public void Dependency_NeitherStringNorDict_ThrowsInvalidData() =>
        Fails(ErrorReason.InvalidData, "elements/not-a-dependency.bst", 3, 3, () => _project.Load("not-a-dependency.bst"));
}
