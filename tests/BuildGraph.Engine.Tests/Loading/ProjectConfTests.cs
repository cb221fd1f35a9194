using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>project.conf validation (format.md §1); after BuildStream's tests/format/project.py.</summary>
public class ProjectConfTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("projectconf");

    public void Dispose() => _project.Dispose();

    private void WriteConf(string text) => _project.Write("project.conf", text);

    [Fact]
    public void ValidProject_NewestSupportedMinVersion_Loads()
    {
        var session = _project.Open();

        Assert.Equal("projectconf", session.Project.Name);
        Assert.Equal("projectconf", _project.Element("hello.bst").ResolvedVariable("project-name"));
    }

    [Fact]
    public void OpenFromSubdirectory_FindsProjectAbove() =>
        Assert.Equal("projectconf",
            BuildSession.Open(Path.Combine(_project.Directory, "elements"), _project.UserConfig(),
                new Plugins.BuiltinPluginCatalog(), []).Project.Name);

    [Fact]
    public void BuildStream1Project_FormatVersion_ThrowsUnsupportedProjectAtFormatVersion()
    {
        WriteConf("name: projectconf\nformat-version: 18\nelement-path: elements\n");

        Fails(ErrorReason.UnsupportedProject, "project.conf", 2, 17, () => _project.Open());
    }

    [Fact]
    public void MinVersion_Missing_ThrowsUnsupportedProject()
    {
        WriteConf("name: projectconf\nelement-path: elements\n");

        Fails(ErrorReason.UnsupportedProject, () => _project.Open());
    }

    [Theory]
    [InlineData("3.0")]
    [InlineData("1.4")]
    [InlineData("2.99")]
    public void MinVersion_NotSupported_ThrowsUnsupportedProjectAtValue(string version)
    {
        WriteConf($"name: projectconf\nmin-version: {version}\n");

        Fails(ErrorReason.UnsupportedProject, "project.conf", 2, 14, () => _project.Open());
    }

    [Fact]
    public void MinVersion_Malformed_ThrowsInvalidData()
    {
        WriteConf("name: projectconf\nmin-version: two\n");

        Fails(ErrorReason.InvalidData, "project.conf", 2, 14, () => _project.Open());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1project")]
    [InlineData("my project")]
    [InlineData("pro.ject")]
    public void Name_Invalid_ThrowsInvalidSymbolNameAtName(string name)
    {
        WriteConf($"name: '{name}'\nmin-version: 2.0\n");

        Fails(ErrorReason.InvalidSymbolName, "project.conf", 1, 7, () => _project.Open());
    }

    [Fact]
    public void Name_Missing_ThrowsMissingKey()
    {
        WriteConf("min-version: 2.0\n");

        Fails(ErrorReason.MissingKey, () => _project.Open());
    }

    [Fact]
    public void ProjectConf_Missing_ThrowsProjectNotFound()
    {
        using var empty = TestProject.Empty();

        Fails(ErrorReason.ProjectNotFound, () => empty.Open());
    }

    [Fact]
    public void ElementPath_Missing_ThrowsMissingFileAtElementPath()
    {
        WriteConf("name: projectconf\nmin-version: 2.0\nelement-path: no-such-dir\n");

        Fails(ErrorReason.MissingFile, "project.conf", 3, 15, () => _project.Open());
    }

    [Fact]
    public void Name_SetByConditional_ThrowsIllegalComposite()
    {
        WriteConf("name: projectconf\nmin-version: 2.0\nelement-path: elements\n" +
                  "options:\n  debug:\n    type: bool\n    description: d\n    default: False\n" +
                  "(?):\n- debug:\n    name: other\n");

        Fails(ErrorReason.IllegalComposite, "project.conf", 11, 5, () => _project.Open());
    }

    [Fact]
    public void ProjectConf_InvalidYaml_ThrowsInvalidYaml()
    {
        WriteConf("name: projectconf\nmin-version: 2.0\nvariables: [unclosed\n");

        Fails(ErrorReason.InvalidYaml, () => _project.Open());
    }

    [Fact]
    public void LocalPlugin_DirectoryMissing_ThrowsMissingFileAtPath()
    {
        WriteConf("name: projectconf\nmin-version: 2.0\nelement-path: elements\n" +
                  "plugins:\n- origin: local\n  path: plugins/elements\n  elements: [frobnicate]\n");

        Fails(ErrorReason.MissingFile, "project.conf", 6, 9, () => _project.Open());
    }

    [Fact]
    public void Element_EmptyDepends_ThrowsInvalidData()
    {
        _project.Write("elements/empty-depends.bst", "kind: manual\n\ndepends:\n");

        Fails(ErrorReason.InvalidData, "elements/empty-depends.bst", 3, 9, () => _project.Load("empty-depends.bst"));
    }

    [Fact]
    public void Element_MissingTarget_ThrowsMissingFile() =>
        Fails(ErrorReason.MissingFile, () => _project.Load("no-such.bst"));

    [Fact]
    public void Element_WithoutKind_ThrowsMissingKey()
    {
        _project.Write("elements/kindless.bst", "description: no kind\n");

        Fails(ErrorReason.MissingKey, () => _project.Load("kindless.bst"));
    }
}
