namespace BuildGraph.Cli.Tests.Track;

/// <summary>
/// <c>ref-storage: project.refs</c>: refs are read from and written to project.refs at the project root
/// (<c>projects: {project: {element: [{ref: …}, {}, …]}}</c>); inline refs are ignored with a warning.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProjectRefsTests
{
    [Fact]
    public void Track_ProjectRefs_CreatesTheFileAndLeavesTheElement()
    {
        using var project = TrackProject.Create("ref-storage: project.refs\n");
        var sha = project.Publish("f.txt", "f\n");
        const string element = "kind: import\nsources:\n- kind: local\n  path: files\n- kind: remote\n  url: upstream:f.txt\n";
        project.Write("files/x", "x\n");
        project.Write("elements/dir/e.bst", element);
        Assert.Equal("no reference", project.State("dir/e.bst"));

        project.Track("dir/e.bst").AssertSuccess();

        Assert.Equal(element, project.Read("elements/dir/e.bst"));
        Assert.Equal($"projects:\n  demo:\n    dir/e.bst:\n    - {{}}\n    - ref: {sha}\n", project.Read("project.refs"));
        Assert.Equal("fetch needed", project.State("dir/e.bst"));
    }

    [Fact]
    public void Load_ProjectRefs_RefComesFromTheFile()
    {
        using var project = TrackProject.Create("ref-storage: project.refs\n");
        var sha = project.Publish("f.txt", "f\n");
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n");
        project.Write("project.refs", $"projects:\n  demo:\n    e.bst:\n    - ref: {sha}\n");
        var key = project.Key("e.bst");

        // The same ref written inline in a project without project.refs gives the same key.
        using var inline = TrackProject.Create();
        inline.Publish("f.txt", "f\n");
        inline.Write("elements/e.bst", $"kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n  ref: {sha}\n");

        Assert.Equal(inline.Key("e.bst"), key);
        project.Track("--check", "e.bst").AssertSuccess();
    }

    [Fact]
    public void Load_InlineRefWithProjectRefs_IsIgnoredWithAWarning()
    {
        using var project = TrackProject.Create("ref-storage: project.refs\n");
        project.Publish("f.txt", "f\n");
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n  ref: 0123\n");

        var result = project.Run("show", "--format", "%{state}", "e.bst").AssertSuccess();

        Assert.Equal("no reference\n", result.Stdout);
        Assert.Contains("elements/e.bst [line 5 column 8]: warning:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Track_EntryAlreadyInProjectRefs_ChangesOnlyItsRefKeepingCommentsAndLayout()
    {
        using var project = TrackProject.Create("ref-storage: project.refs\n");
        var sha = project.Publish("f.txt", "f\n");
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n");
        var old = new string('0', 64);
        var text = "# Refs, bumped by CI.\nprojects:\n  demo:\n\n    # The one remote file.\n" +
            $"    e.bst:\n    - ref: \"{old}\"   # was pinned by hand\n    other.bst: [{{}}]\n";
        project.Write("project.refs", text);

        project.Track("e.bst").AssertSuccess();

        Assert.Equal(text.Replace(old, sha, StringComparison.Ordinal), project.Read("project.refs"));
    }

    [Fact]
    public void Track_ExistingProjectRefs_KeepsOtherEntriesAndRoundTrips()
    {
        using var project = TrackProject.Create("ref-storage: project.refs\n");
        var sha = project.Publish("f.txt", "f\n");
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n");
        project.Write("project.refs", "projects:\n  demo:\n    other.bst:\n    - ref: abc\n    e.bst:\n    - ref: old\n  sub:\n    x.bst:\n    - {}\n");

        project.Track("e.bst").AssertSuccess();

        Assert.Equal($"projects:\n  demo:\n    other.bst:\n    - ref: abc\n    e.bst:\n    - ref: {sha}\n  sub:\n    x.bst:\n    - {{}}\n",
            project.Read("project.refs"));
        var again = project.Track("e.bst").AssertSuccess();
        Assert.DoesNotContain("wrote", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedProjectRefs_FailsWithProvenance()
    {
        using var project = TrackProject.Create("ref-storage: project.refs\n");
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n");
        project.Write("project.refs", "projects:\n  demo:\n    e.bst: oops\n");

        var result = project.Run("show", "e.bst").AssertUserError();

        Assert.StartsWith("error: project.refs [line 3 column 12]: ", result.Stderr, StringComparison.Ordinal);
    }
}
