using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>Unknown keys are errors at the key's provenance; after BuildStream's tests/format/invalid_keys.py.</summary>
public class UnknownKeyTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("unknownkeys");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void KnownKeysOnly_Loads() =>
        Assert.Single(_project.Element("base.bst").Sources);

    [Fact]
    public void ProjectConf_UnknownTopLevelKey_ThrowsUnexpectedKey()
    {
        _project.Write("project.conf", "name: unknownkeys\nmin-version: 2.0\nelement-path: elements\nelement_path: elements\n");

        Fails(ErrorReason.UnexpectedKey, "project.conf", 4, 1, () => _project.Open());
    }

    [Fact]
    public void ProjectConf_UnknownKeyInKindOverride_ThrowsUnexpectedKey()
    {
        _project.Write("project.conf", "name: unknownkeys\nmin-version: 2.0\nelement-path: elements\nelements:\n  manual:\n    configuration: {}\n");

        Fails(ErrorReason.UnexpectedKey, "project.conf", 6, 5, () => _project.Open());
    }

    [Fact]
    public void Element_UnknownTopLevelKey_ThrowsUnexpectedKey() =>
        Fails(ErrorReason.UnexpectedKey, "elements/element-key.bst", 2, 1, () => _project.Load("element-key.bst"));

    [Fact]
    public void DependencyDict_UnknownKey_ThrowsUnexpectedKey() =>
        Fails(ErrorReason.UnexpectedKey, "elements/dependency-key.bst", 4, 3, () => _project.Load("dependency-key.bst"));

    [Fact]
    public void ManualConfig_MisspelledCommandList_ThrowsUnexpectedKey() =>
        Fails(ErrorReason.UnexpectedKey, "elements/config-key.bst", 3, 3, () => _project.Load("config-key.bst"));

    [Fact]
    public void Source_UnknownKey_ThrowsUnexpectedKey() =>
        Fails(ErrorReason.UnexpectedKey, "elements/source-key.bst", 5, 3, () => _project.Load("source-key.bst"));

    [Fact]
    public void Sandbox_UnknownKey_ThrowsUnexpectedKey() =>
        Fails(ErrorReason.UnexpectedKey, "elements/sandbox-key.bst", 3, 3, () => _project.Load("sandbox-key.bst"));
}
