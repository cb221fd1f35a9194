using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>(@) includes (format.md §3.3); after BuildStream's tests/format/include.py.</summary>
public class IncludeTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("include");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Include_InSubdirectoryElement_IsRelativeToProjectRoot()
    {
        var element = _project.Element("sub/relative.bst");

        Assert.Equal("from-basic", element.ResolvedVariable("basic"));
        Assert.Equal(["echo installed by basic.yml"], Commands(element, "install-commands"));
    }

    [Fact]
    public void Include_Nested_IncludesInnerUnderOuter()
    {
        var element = _project.Element("nested.bst");

        Assert.Equal("from-inner", element.ResolvedVariable("inner"));
        Assert.Equal("from-outer", element.ResolvedVariable("outer"));
        Assert.Equal("outer", element.ResolvedVariable("depth"));
    }

    [Fact]
    public void Include_List_LaterFileBeatsEarlier()
    {
        var element = _project.Element("list.bst");

        Assert.Equal("second", element.ResolvedVariable("order"));
        Assert.Equal("first-only", element.ResolvedVariable("only-first"));
    }

    [Fact]
    public void Include_SameFileTwiceSideBySide_Loads()
    {
        var element = _project.Element("twice.bst");

        Assert.Equal("from-basic", element.ResolvedVariable("basic"));
        Assert.Equal(["echo installed by basic.yml"], Commands(element, "install-commands"));
    }

    [Fact]
    public void Include_IncluderSetsSameKey_IncluderWins()
    {
        var element = _project.Element("includer-wins.bst");

        Assert.Equal("from-element", element.ResolvedVariable("overridden"));
        Assert.Equal("from-basic", element.ResolvedVariable("basic"));
        Assert.Equal(["echo built by the element"], Commands(element, "build-commands"));
        Assert.Equal(["echo installed by basic.yml"], Commands(element, "install-commands"));
    }

    [Fact]
    public void Include_InsideVariablesMapping_MergesIntoThatMapping()
    {
        var element = _project.Element("fragment.bst");

        Assert.Equal("from-fragment", element.ResolvedVariable("fragment"));
        Assert.Equal("from-element", element.ResolvedVariable("shared-fragment"));
        Assert.Null(element.VariablesNode()["(@)"]);
    }

    [Fact]
    public void Include_InProjectConf_GivesProjectVariablesAndProjectConfWins()
    {
        var element = _project.Element("plain.bst");

        Assert.Equal("project-include", element.ResolvedVariable("from-project-include"));
        Assert.Equal("from-project-conf", element.ResolvedVariable("shared"));
    }

    [Fact]
    public void Include_Recursive_ThrowsRecursiveIncludeAtTheRepeatingInclude() =>
        Fails(ErrorReason.RecursiveInclude, "include/recursive-b.yml", 1, 6, () => _project.Load("recursive.bst"));

    [Fact]
    public void Include_MissingFile_ThrowsMissingFileAtTheIncludeLine() =>
        Fails(ErrorReason.MissingFile, "elements/missing.bst", 4, 3, () => _project.Load("missing.bst"));

    [Fact]
    public void Include_Directory_ThrowsMissingFileAtTheInclude() =>
        Fails(ErrorReason.MissingFile, "elements/directory.bst", 2, 6, () => _project.Load("directory.bst"));

    [Fact]
    public void Include_MissingFileInProjectConf_ThrowsMissingFileAtProjectConf()
    {
        _project.Replace("project.conf", "(@): include/project.yml", "(@): include/absent.yml");

        Fails(ErrorReason.MissingFile, "project.conf", 6, 6, () => _project.Open());
    }
}
