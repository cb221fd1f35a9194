using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>
/// Local junctions, cross-junction addressing, junction options and links (format.md §5.2, §6);
/// after BuildStream's tests/format/junctions.py and link.py.
/// </summary>
public class JunctionTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("junctions");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Dependencies_ColonAndDictForms_ResolveIntoSubproject() =>
        Assert.Equal(["base.bst", "sub.bst:lib.bst", "sub.bst:tool.bst"],
            Names(_project.Element("app.bst").Dependencies.Select(d => d.Element)));

    [Fact]
    public void SubprojectElement_HasSubprojectNameAndVariables()
    {
        var lib = _project.Load("app.bst").Find("sub.bst:lib.bst")!;

        Assert.Equal("subproject", lib.Project.Name);
        Assert.Equal("lib.bst", lib.Name);
        Assert.Equal("subproject", lib.ResolvedVariable("project-name"));
        Assert.Equal("lib.bst", lib.ResolvedVariable("element-name"));
        Assert.Equal("/buildstream/subproject/lib.bst", lib.ResolvedVariable("build-root"));
        Assert.Equal("from-subproject", lib.ResolvedVariable("sub-var"));
    }

    [Fact]
    public void SubprojectElement_DependingWithinSubproject_SharesTheElement()
    {
        var graph = _project.Load("app.bst");

        var tool = graph.Find("sub.bst:tool.bst")!;
        Assert.Same(graph.Find("sub.bst:lib.bst"), Assert.Single(tool.Dependencies).Element);
    }

    [Fact]
    public void JunctionConfigOptions_ExpandedWithJunctionVariables_ReachSubproject() =>
        Assert.Equal("sugary", _project.Load("app.bst").Find("sub.bst:lib.bst")!.ResolvedVariable("taste"));

    [Fact]
    public void JunctionWithoutOptions_SubprojectUsesItsDefaults() =>
        Assert.Equal("bland", _project.Load("plain-user.bst").Find("plain-sub.bst:lib.bst")!.ResolvedVariable("taste"));

    [Fact]
    public void UserConfigOptionsForSubproject_BeatJunctionOptions()
    {
        var graph = _project.Open("projects:\n  subproject:\n    options:\n      flavour: sour\n").Load(["app.bst"]);

        Assert.Equal("lemony", graph.Find("sub.bst:lib.bst")!.ResolvedVariable("taste"));
    }

    [Fact]
    public void CommandLineOption_OfSubprojectOnly_IsUnknownToToplevel() =>
        Fails(ErrorReason.InvalidOption, () => _project.Open("", ("flavour", "sour")));

    [Fact]
    public void Link_ToLocalElement_IsReplacedByTarget() =>
        Assert.Equal("base.bst", _project.Element("link-base.bst").FullName);

    [Fact]
    public void Link_ToJunctionedElement_IsReplacedByTarget()
    {
        var lib = _project.Element("link-lib.bst");

        Assert.Equal("sub.bst:lib.bst", lib.FullName);
        Assert.Equal("sugary", lib.ResolvedVariable("taste"));
    }

    [Fact]
    public void Links_AsDependencies_ResolveToTargetsIncludingLinkedJunction() =>
        Assert.Equal(["base.bst", "sub.bst:lib.bst", "sub.bst:tool.bst"],
            Names(_project.Element("uses-links.bst").Dependencies.Select(d => d.Element)));

    [Fact]
    public void Link_ToLink_FollowsBothToTheTarget() =>
        Assert.Equal("sub.bst:lib.bst", _project.Element("link-to-link.bst").FullName);

    [Fact]
    public void Link_ToMissingElement_ThrowsMissingFileAtTarget() =>
        Fails(ErrorReason.MissingFile, "elements/link-missing.bst", 3, 11, () => _project.Load("link-missing.bst"));

    [Fact]
    public void DependencyOnLink_ToMissingElement_ThrowsMissingFileAtLinkTarget() =>
        Fails(ErrorReason.MissingFile, "elements/link-missing.bst", 3, 11, () => _project.Load("depends-on-link-missing.bst"));

    [Fact]
    public void Link_ToMissingElementInSubproject_ThrowsMissingFileAtTarget() =>
        Fails(ErrorReason.MissingFile, "elements/link-missing-in-sub.bst", 3, 11, () => _project.Load("link-missing-in-sub.bst"));

    [Fact]
    public void Link_WithDependencies_ThrowsLinkForbiddenDependencies() =>
        Fails(ErrorReason.LinkForbiddenDependencies, "elements/link-with-deps.bst", 3, 3, () => _project.Load("link-with-deps.bst"));

    [Fact]
    public void Link_WithSources_ThrowsInvalidData() =>
        Fails(ErrorReason.InvalidData, "elements/link-with-sources.bst", 3, 3, () => _project.Load("link-with-sources.bst"));

    [Fact]
    public void Include_FromJunction_IsExpandedWithSubprojectVariables() =>
        Assert.Equal("from-subproject", _project.Element("includes-sub.bst").ResolvedVariable("common"));

    [Fact]
    public void Junction_AsTarget_LoadsAsJunction() =>
        Assert.True(_project.Element("sub.bst").IsJunction);

    [Fact]
    public void DependingOnJunction_ThrowsInvalidDataAtDependency() =>
        Fails(ErrorReason.InvalidData, "elements/depends-junction.bst", 3, 3, () => _project.Load("depends-junction.bst"));

    [Fact]
    public void JunctionWithGitSource_NotFetched_ThrowsJunctionNotFetchedAtDependency() =>
        Fails(ErrorReason.JunctionNotFetched, "elements/uses-remote.bst", 3, 3, () => _project.Load("uses-remote.bst"));

    [Fact]
    public void JunctionWithDependencies_ThrowsInvalidJunctionAtItsDependency() =>
        Fails(ErrorReason.InvalidJunction, "elements/junction-with-deps.bst", 3, 3, () => _project.Load("uses-bad-junction.bst"));

    [Fact]
    public void JunctionToDirectoryWithoutProjectConf_ThrowsInvalidJunctionAtDependency() =>
        Fails(ErrorReason.InvalidJunction, "elements/uses-no-project.bst", 3, 3, () => _project.Load("uses-no-project.bst"));

    [Fact]
    public void MissingJunction_ThrowsMissingFileAtDependency() =>
        Fails(ErrorReason.MissingFile, "elements/uses-missing-junction.bst", 3, 3, () => _project.Load("uses-missing-junction.bst"));

    [Fact]
    public void JunctionKeyNamingNonJunction_ThrowsInvalidJunctionAtDependency() =>
        Fails(ErrorReason.InvalidJunction, "elements/uses-non-junction.bst", 4, 13, () => _project.Load("uses-non-junction.bst"));

    [Fact]
    public void MissingElementInSubproject_ThrowsMissingFileAtDependency() =>
        Fails(ErrorReason.MissingFile, "elements/missing-in-sub.bst", 3, 3, () => _project.Load("missing-in-sub.bst"));
}
