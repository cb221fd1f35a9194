using System.Text.RegularExpressions;

namespace BuildGraph.Cli.Tests.Track;

/// <summary>
/// <c>bgx source track</c> with inline refs: the new refs are written into the file that declared each
/// source, and nothing else of that file changes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TrackWriteBackTests
{
    [Fact]
    public void Track_FileWithCommentsAndQuoting_ChangesOnlyTheRefs()
    {
        using var project = TrackProject.Create();
        var tar = project.PublishTar("app-1.0.tar.gz", ("README", "app\n"));
        var blob = project.Publish("data.bin", "data v1\n");
        const string before = "# The app, from upstream.\nkind: import\n\nsources:\n" +
            "- kind: tar      # release tarball\n  url: \"upstream:app-1.0.tar.gz\"\n  ref: 'aaaa'   # pinned by hand\n\n" +
            "  # the data file, not pinned yet\n- kind: remote\n  url: upstream:data.bin\n  filename: data.bin\n\n" +
            "config:\n  source: /   # everything\n";
        project.Write("elements/app.bst", before);

        var result = project.Track("app.bst").AssertSuccess();

        var expected = before.Replace("'aaaa'", $"'{tar}'", StringComparison.Ordinal)
            .Replace("  filename: data.bin\n", $"  filename: data.bin\n  ref: {blob}\n", StringComparison.Ordinal);
        Assert.Equal(expected, project.Read("elements/app.bst"));
        Assert.Contains("wrote elements/app.bst", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Track_SourceDeclaredInAnInclude_WritesTheInclude()
    {
        using var project = TrackProject.Create();
        var sha = project.Publish("tool.sh", "echo tool\n");
        const string element = "kind: import\n(@): include/tool-source.yml\nconfig:\n  source: /\n";
        const string include = "# shared source\nsources:\n- kind: remote\n  url: upstream:tool.sh  # the tool\n  ref: old\n";
        project.Write("elements/tool.bst", element);
        project.Write("include/tool-source.yml", include);

        project.Track("tool.bst").AssertSuccess();

        Assert.Equal(element, project.Read("elements/tool.bst"));
        Assert.Equal(include.Replace("ref: old", "ref: " + sha, StringComparison.Ordinal), project.Read("include/tool-source.yml"));
    }

    [Fact]
    public void Track_SourcesInTheElementAndAnInclude_WritesEachFile()
    {
        using var project = TrackProject.Create();
        var first = project.Publish("a.txt", "a\n");
        var second = project.Publish("b.txt", "b\n");
        project.Write("include/more.yml", "sources:\n- kind: remote\n  url: upstream:b.txt\n");
        project.Write("elements/both.bst", "kind: import\n(@): include/more.yml\nsources:\n  (>):\n  - kind: remote\n    url: upstream:a.txt\n");

        project.Track("both.bst").AssertSuccess();

        Assert.Equal($"sources:\n- kind: remote\n  url: upstream:b.txt\n  ref: {second}\n", project.Read("include/more.yml"));
        Assert.Equal($"kind: import\n(@): include/more.yml\nsources:\n  (>):\n  - kind: remote\n    url: upstream:a.txt\n    ref: {first}\n",
            project.Read("elements/both.bst"));
    }

    [Fact]
    public void Track_CrLfFile_KeepsItsLineEndings()
    {
        using var project = TrackProject.Create();
        var sha = project.Publish("f.txt", "f\n");
        project.WriteBytes("elements/crlf.bst", "kind: import\r\nsources:\r\n- kind: remote\r\n  url: upstream:f.txt\r\n");

        project.Track("crlf.bst").AssertSuccess();

        Assert.Equal($"kind: import\r\nsources:\r\n- kind: remote\r\n  url: upstream:f.txt\r\n  ref: {sha}\r\n", project.Read("elements/crlf.bst"));
    }

    [Fact]
    public void Track_FileWithByteOrderMark_KeepsIt()
    {
        using var project = TrackProject.Create();
        var sha = project.Publish("f.txt", "f\n");
        var path = Path.Combine(project.Project.Directory, "elements/bom.bst");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n")]);

        project.Track("bom.bst").AssertSuccess();

        Assert.Equal([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes($"kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n  ref: {sha}\n")],
            File.ReadAllBytes(path));
    }

    [Fact]
    public void Track_UpToDate_WritesNothing()
    {
        using var project = TrackProject.Create();
        var sha = project.Publish("f.txt", "f\n");
        var text = $"kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n  ref: {sha}\n";
        project.Write("elements/e.bst", text);
        var path = Path.Combine(project.Project.Directory, "elements/e.bst");
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, written);

        var result = project.Track("e.bst").AssertSuccess();

        Assert.Equal(text, project.Read("elements/e.bst"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.DoesNotContain("wrote", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Track_SourceWithoutRef_ShowGoesFromNoReferenceToAKey()
    {
        using var project = TrackProject.Create();
        project.Publish("f.txt", "f\n");
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n");
        Assert.Equal("no reference", project.State("e.bst"));

        project.Track("e.bst").AssertSuccess();

        Assert.Equal("fetch needed", project.State("e.bst"));
        Assert.Matches("^[0-9a-f]{64}$", project.Key("e.bst"));
    }

    [Fact]
    public void Track_NewUpstreamFile_ChangesTheKey()
    {
        using var project = TrackProject.Create();
        project.Publish("f.txt", "v1\n");
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n");
        project.Track("e.bst").AssertSuccess();
        var before = project.Key("e.bst");

        var sha = project.Publish("f.txt", "v2\n");
        project.Track("e.bst").AssertSuccess();

        Assert.Contains("ref: " + sha, project.Read("elements/e.bst"), StringComparison.Ordinal);
        Assert.NotEqual(before, project.Key("e.bst"));
    }

    [Fact]
    public void Track_UpstreamMissing_FailsWithProvenanceAndLeavesTheFile()
    {
        using var project = TrackProject.Create();
        const string text = "kind: import\nsources:\n- kind: remote\n  url: upstream:gone.txt\n  ref: old\n";
        project.Write("elements/e.bst", text);

        var result = project.Track("e.bst").AssertUserError();

        Assert.Matches(new Regex(@"^error: elements/e\.bst \[line \d+ column \d+\]: "), result.Stderr);
        Assert.Equal(text, project.Read("elements/e.bst"));
    }

    [Fact]
    public void Track_OneElementFails_TheOthersAreWritten()
    {
        using var project = TrackProject.Create();
        var sha = project.Publish("ok.txt", "ok\n");
        const string broken = "kind: import\nsources:\n- kind: remote\n  url: upstream:ok.txt\n- kind: remote\n  url: upstream:gone.txt\n";
        project.Write("elements/broken.bst", broken);
        project.Write("elements/fine.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:ok.txt\n");

        var result = project.Track("broken.bst", "fine.bst");

        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Equal(broken, project.Read("elements/broken.bst"));
        Assert.Contains("ref: " + sha, project.Read("elements/fine.bst"), StringComparison.Ordinal);
    }

    [Fact]
    public void Track_DepsAll_TracksTheDependenciesToo()
    {
        using var project = TrackProject.Create();
        var a = project.Publish("a.txt", "a\n");
        var b = project.Publish("b.txt", "b\n");
        project.Write("elements/base.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:a.txt\n");
        project.Write("elements/top.bst", "kind: import\ndepends:\n- base.bst\nsources:\n- kind: remote\n  url: upstream:b.txt\n");

        project.Track("top.bst").AssertSuccess();
        Assert.DoesNotContain("ref:", project.Read("elements/base.bst"), StringComparison.Ordinal);

        project.Track("--deps", "all", "--except", "top.bst", "top.bst").AssertSuccess();
        Assert.DoesNotContain("ref:", project.Read("elements/base.bst"), StringComparison.Ordinal);

        project.Track("--deps", "all", "top.bst").AssertSuccess();
        Assert.Contains("ref: " + a, project.Read("elements/base.bst"), StringComparison.Ordinal);
        Assert.Contains("ref: " + b, project.Read("elements/top.bst"), StringComparison.Ordinal);
    }
}
