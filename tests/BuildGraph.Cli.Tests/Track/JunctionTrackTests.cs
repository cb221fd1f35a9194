namespace BuildGraph.Cli.Tests.Track;

/// <summary>
/// Tracking across junctions: a junction element's own sources are tracked and written like any element's;
/// elements of a junctioned project are written only into the toplevel project.refs (format.md §7.7).
/// </summary>
[Trait("Category", "Integration")]
public sealed class JunctionTrackTests
{
    [Fact]
    public void Track_JunctionElement_WritesItsRef()
    {
        using var project = TrackProject.Create();
        var sha = project.PublishTar("sdk.tar.gz", ("project.conf", "name: sdk\nmin-version: 2.0\n"));
        const string junction = "kind: junction\nsources:\n- kind: tar\n  url: upstream:sdk.tar.gz  # the SDK\nconfig:\n  options: {}\n";
        project.Write("elements/sdk.bst", junction);

        project.Track("sdk.bst").AssertSuccess();

        Assert.Equal(junction.Replace("  # the SDK\n", $"  # the SDK\n  ref: {sha}\n", StringComparison.Ordinal), project.Read("elements/sdk.bst"));
    }

    [Fact]
    public void Track_JunctionElementWithProjectRefs_WritesJunctionRefs()
    {
        using var project = TrackProject.Create("ref-storage: project.refs\n");
        var sha = project.PublishTar("sdk.tar.gz", ("project.conf", "name: sdk\nmin-version: 2.0\n"));
        project.Write("elements/sdk.bst", "kind: junction\nsources:\n- kind: tar\n  url: upstream:sdk.tar.gz\n");

        project.Track("sdk.bst").AssertSuccess();

        Assert.Equal($"projects:\n  demo:\n    sdk.bst:\n    - ref: {sha}\n", project.Read("junction.refs"));
        Assert.False(project.Exists("project.refs"));
        project.Track("--check", "sdk.bst").AssertSuccess();
    }

    [Fact]
    public void Track_SubprojectElementWithInlineRefs_IsNotPersisted()
    {
        using var project = SubprojectFixture("");
        project.Publish("f.txt", "f\n");

        var result = project.Track("sub.bst:e.bst").AssertSuccess();

        Assert.Equal(SubElement, project.Read("sub/elements/e.bst"));
        Assert.Contains("Not persisting", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Track_SubprojectElementWithToplevelProjectRefs_WritesAndReadsTheToplevelFile()
    {
        using var project = SubprojectFixture("ref-storage: project.refs\n");
        var sha = project.Publish("f.txt", "f\n");
        Assert.Equal("no reference", project.State("sub.bst:e.bst"));

        project.Track("sub.bst:e.bst").AssertSuccess();

        Assert.Equal(SubElement, project.Read("sub/elements/e.bst"));
        Assert.Equal($"projects:\n  subproject:\n    e.bst:\n    - ref: {sha}\n", project.Read("project.refs"));
        Assert.Equal("fetch needed", project.State("sub.bst:e.bst"));
    }

    [Fact]
    public void Track_SourceFromAJunctionedInclude_FailsAndWritesNothing()
    {
        using var project = SubprojectFixture("");
        project.Publish("f.txt", "f\n");
        const string include = "sources:\n- kind: remote\n  url: upstream:f.txt\n";
        project.Write("sub/include/source.yml", include);
        const string element = "kind: import\n(@): sub.bst:include/source.yml\n";
        project.Write("elements/e.bst", element);

        var result = project.Track("e.bst").AssertUserError();

        Assert.StartsWith("error: sub.bst:include/source.yml [line 2 column 3]: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(include, project.Read("sub/include/source.yml"));
        Assert.Equal(element, project.Read("elements/e.bst"));
    }

    private const string SubElement = "kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n";

    /// <summary>A toplevel project with a local junction <c>sub.bst</c> to a subproject that has the same <c>upstream</c> alias.</summary>
    private static TrackProject SubprojectFixture(string toplevelConf)
    {
        var project = TrackProject.Create(toplevelConf);
        var upstream = new Uri(project.Upstream + "/").AbsoluteUri;
        project.Write("sub/project.conf", $"name: subproject\nmin-version: 2.0\nelement-path: elements\naliases:\n  upstream: {upstream}\n");
        project.Write("sub/elements/e.bst", SubElement);
        project.Write("elements/sub.bst", "kind: junction\nsources:\n- kind: local\n  path: sub\n");
        return project;
    }
}
