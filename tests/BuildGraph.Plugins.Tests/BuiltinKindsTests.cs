namespace BuildGraph.Plugins.Tests;

public class BuiltinKindsTests
{
    [Fact]
    public void Elements_Listed_MatchBuildStreamCoreAndPluginKinds()
    {
        Assert.Equal(
            ["autotools", "cargo", "cmake", "compose", "filter", "import", "junction", "link", "make", "manual", "meson", "script", "stack"],
            BuiltinKinds.Elements.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["compose", "filter", "import", "junction", "link", "manual", "script", "stack"],
            BuiltinKinds.CoreElements.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sources_Listed_MatchBuildStreamCoreAndPluginKinds()
    {
        Assert.Equal(
            ["cargo2", "git", "git_repo", "local", "patch", "patch_queue", "remote", "tar"],
            BuiltinKinds.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["local", "remote", "tar"], BuiltinKinds.CoreSources.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("make", BuiltinKinds.PluginsPackage)]
    [InlineData("manual", BuiltinKinds.CorePackage)]
    [InlineData("cargo", BuiltinKinds.BgxPackage)]
    public void ElementPackages_Kind_NamesItsPackage(string kind, string package)
    {
        Assert.Equal(package, BuiltinKinds.ElementPackages[kind]);
    }

    [Theory]
    [InlineData("git", BuiltinKinds.PluginsPackage)]
    [InlineData("patch", BuiltinKinds.PluginsPackage)]
    [InlineData("cargo2", BuiltinKinds.CommunityPackage)]
    [InlineData("tar", BuiltinKinds.CorePackage)]
    public void SourcePackages_Kind_NamesItsPackage(string kind, string package)
    {
        Assert.Equal(package, BuiltinKinds.SourcePackages[kind]);
    }

    [Fact]
    public void Kinds_Registered_AreNamedByTheirKey()
    {
        foreach (var (name, kind) in BuiltinKinds.Elements)
            Assert.Equal(name, kind.Name);
        foreach (var (name, kind) in BuiltinKinds.Sources)
            Assert.Equal(name, kind.Name);
    }
}
