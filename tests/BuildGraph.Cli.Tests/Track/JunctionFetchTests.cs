using BuildGraph.Testing;

namespace BuildGraph.Cli.Tests.Track;

/// <summary>
/// A junction whose source is a git repository is fetched when first loaded, and its subproject's
/// elements resolve through it; tracking the junction bumps its ref like any element's.
/// </summary>
[Trait("Category", "Integration")]
public sealed class JunctionFetchTests
{
    [GitFact]
    public void Show_GitJunction_FetchesItAndLoadsTheSubproject_ThenTrackBumpsIt()
    {
        using var project = TrackProject.Create();
        var upstream = new GitRepo(Path.Combine(project.Upstream, "sub"));
        var first = upstream.Commit("Subproject 1",
            ("project.conf", "name: sub\nmin-version: 2.0\nelement-path: elements\n"),
            ("elements/lib.bst", "kind: stack\ndescription: first\n"));
        project.Write("elements/sub.bst", $"kind: junction\nsources:\n- kind: git\n  url: upstream:sub\n  track: main\n  ref: {first}\n");
        project.Write("elements/app.bst", "kind: stack\ndepends:\n- sub.bst:lib.bst\n");

        var shown = project.Run("show", "--deps", "all", "--format", "%{name} %{description}", "app.bst").AssertSuccess();

        Assert.Contains("sub.bst:lib.bst first", shown.Stdout, StringComparison.Ordinal);

        var second = upstream.Commit("Subproject 2", ("elements/lib.bst", "kind: stack\ndescription: second\n"));
        project.Track("sub.bst").AssertSuccess();

        Assert.Contains($"ref: {second}", project.Read("elements/sub.bst"), StringComparison.Ordinal);
        var again = project.Run("show", "--deps", "all", "--format", "%{name} %{description}", "app.bst").AssertSuccess();
        Assert.Contains("sub.bst:lib.bst second", again.Stdout, StringComparison.Ordinal);
    }

    [GitFact]
    public void Show_GitJunctionUnreachable_FailsWithJunctionNotFetched()
    {
        using var project = TrackProject.Create();
        project.Write("elements/sub.bst", "kind: junction\nsources:\n- kind: git\n  url: upstream:missing\n  ref: 0123456789abcdef0123456789abcdef01234567\n");
        project.Write("elements/app.bst", "kind: stack\ndepends:\n- sub.bst:lib.bst\n");

        var result = project.Run("show", "app.bst");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("elements/app.bst [line 3 column 3]", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("not fetched", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
