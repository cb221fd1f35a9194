using BuildGraph.Abstractions;
using BuildGraph.Plugins.Sources;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Sources;

public sealed class CargoManifestTests
{
    private static readonly Provenance At = new("element.bst", 3, 5);

    private const string Workspace = """
        [workspace]
        members = ["a", "b"]

        [workspace.package]
        version = "1.2.3"
        authors = ["someone"]

        [workspace.dependencies]
        serde = { version = "1.0", default-features = false }
        log = "0.4"
        """;

    [Theory]
    [InlineData("[package]\nname = \"greet\"\nversion = \"1.0\"\n", "greet")]
    [InlineData("[package]\nversion = \"1.0\"\nname = 'quoted' # a comment\n", "quoted")]
    [InlineData("[dependencies]\nname = \"not-the-package\"\n", null)]
    public void PackageName_ReadsTheNameOfThePackageTableOnly(string manifest, string? expected) =>
        Assert.Equal(expected, CargoManifest.PackageName(manifest));

    [Fact]
    public void Flatten_InheritedPackageKeysAndDependencies_AreWrittenOutFromTheWorkspace()
    {
        var member = """
            [package]
            name = "b"
            version.workspace = true
            authors.workspace = true

            [dependencies]
            serde = { workspace = true, features = ["derive"] }
            log.workspace = true
            local = "2"

            [target.'cfg(unix)'.dev-dependencies]
            log = { workspace = true, optional = true }
            """;

        var flat = CargoManifest.Flatten(member, Workspace, "b 1.2.3", At);

        Assert.Contains("version = \"1.2.3\"", flat);
        Assert.Contains("authors = [\"someone\"]", flat);
        Assert.Contains("serde = { version = \"1.0\", default-features = false, features = [\"derive\"] }", flat);
        Assert.Contains("log = \"0.4\"", flat);
        Assert.Contains("log = { version = \"0.4\", optional = true }", flat);
        Assert.Contains("local = \"2\"", flat);
        Assert.DoesNotContain("workspace", flat);
    }

    [Fact]
    public void Flatten_KeyTheWorkspaceDoesNotHave_FailsUnsupportedNamingTheKey()
    {
        var member = "[package]\nname = \"b\"\nrepository.workspace = true\n";

        var e = Assert.Throws<SourceException>(() => CargoManifest.Flatten(member, Workspace, "b 1.2.3", At));

        Assert.Equal(ErrorReason.Unsupported, e.Reason);
        Assert.Contains("repository", e.Message);
        Assert.Equal(At, e.Provenance);
    }
}
