using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>project.conf <c>plugins:</c> declarations and kinds (format.md §1.2).</summary>
public class PluginTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("plugins");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Make_DeclaredFromUnfetchedJunction_LoadsWithNativeDefaults()
    {
        var element = _project.Element("made.bst");

        Assert.Equal("make", element.KindName);
        Assert.Equal(["make PREFIX=\"/usr\""], Commands(element, "build-commands"));
    }

    [Fact]
    public void Make_NotDeclared_ThrowsUnknownKindAtKind()
    {
        _project.Write("project.conf", "name: plugins\nmin-version: 2.0\nelement-path: elements\n");

        Fails(ErrorReason.UnknownKind, "elements/made.bst", 1, 7, () => _project.Load("made.bst"));
    }

    [Fact]
    public void LocalPluginKind_WithDefaultYaml_GetsItsVariablesConfigAndEnvironment()
    {
        var element = _project.Element("frob.bst");

        Assert.Equal("frobnicate --level=5 --project", element.ResolvedVariable("frob"));
        Assert.Equal(["frobnicate --level=5 --project"], Commands(element, "frob-commands"));
        Assert.Equal("/frob", Env(element, "FROB_HOME"));
    }

    [Fact]
    public void LocalPluginKind_Loaded_HasAKey() =>
        Assert.Matches("^[0-9a-f]{64}$", _project.Element("frob.bst").CacheKey);

    [Fact]
    public void PluginKind_DeclaredForAnotherKind_ThrowsUnknownKindAtKind() =>
        Fails(ErrorReason.UnknownKind, "elements/autotools.bst", 1, 7, () => _project.Load("autotools.bst"));

    [Fact]
    public void UnknownKind_Undeclared_ThrowsUnknownKindAtKind() =>
        Fails(ErrorReason.UnknownKind, "elements/unknown.bst", 1, 7, () => _project.Load("unknown.bst"));

    [Fact]
    public void SourceKind_Undeclared_ThrowsUnknownKindAtKind() =>
        Fails(ErrorReason.UnknownKind, "elements/git-source.bst", 3, 9, () => _project.Load("git-source.bst"));
}
