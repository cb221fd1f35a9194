using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>User configuration as the loader reads it (format.md §9); after BuildStream's tests/format/userconfig.py.</summary>
public class UserConfigTests : IDisposable
{
    private readonly TestProject _project = TestProject.Copy("projectconf");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void ProjectsEntry_NotADictionary_ThrowsInvalidData() =>
        Fails(ErrorReason.InvalidData, _project.UserConfigFile, 5, 16, () => _project.Open("projects:\n  projectconf: []\n"));

    [Fact]
    public void ProjectsEntry_UnknownKey_ThrowsUnexpectedKey() =>
        Fails(ErrorReason.UnexpectedKey, _project.UserConfigFile, 6, 5, () => _project.Open("projects:\n  projectconf:\n    optons: {}\n"));

    [Theory]
    [InlineData("artifactdir: /tmp/artifacts\n")]
    [InlineData("builddir: /tmp/build\n")]
    [InlineData("no-such-setting: 1\n")]
    public void TopLevel_ObsoleteOrUnknownKey_ThrowsUnexpectedKey(string line) =>
        Fails(ErrorReason.UnexpectedKey, _project.UserConfigFile, 4, 1, () => _project.Open(line));

    [Fact]
    public void MaxJobs_FromUserConfig_IsTheMaxJobsVariable() =>
        Assert.Equal(TestProject.MaxJobs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _project.Element("hello.bst").ResolvedVariable("max-jobs"));

    [Fact]
    public void Cachedir_FromUserConfig_IsUsed() =>
        Assert.Equal(_project.CacheDirectory, _project.Open().UserConfig.CacheDirectory);
}
