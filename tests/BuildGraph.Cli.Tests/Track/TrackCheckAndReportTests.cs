using System.Text.Json;

namespace BuildGraph.Cli.Tests.Track;

/// <summary><c>source track --check</c> (write nothing, exit 1 on changes) and <c>--report FILE.json</c>.</summary>
[Trait("Category", "Integration")]
public sealed class TrackCheckAndReportTests
{
    [Fact]
    public void Check_RefWouldChange_ExitsOneAndWritesNothing()
    {
        using var project = TrackProject.Create();
        var sha = project.Publish("f.txt", "f\n");
        const string text = "kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n  ref: old\n";
        project.Write("elements/e.bst", text);

        var result = project.Track("--check", "e.bst");

        Assert.Equal(ExitCodes.Changed, result.ExitCode);
        Assert.Contains($"would change: e.bst: remote upstream:f.txt: old -> {sha}", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(text, project.Read("elements/e.bst"));
    }

    [Fact]
    public void Check_UpToDate_ExitsZero()
    {
        using var project = TrackProject.Create();
        var sha = project.Publish("f.txt", "f\n");
        project.Write("elements/e.bst", $"kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n  ref: {sha}\n");

        var result = project.Track("--check", "e.bst").AssertSuccess();

        Assert.DoesNotContain("would change", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TrackingFails_ExitsTwo()
    {
        using var project = TrackProject.Create();
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:gone.txt\n");

        project.Track("--check", "e.bst").AssertUserError();
    }

    [Fact]
    public void Report_DescribesEverySourceOfEveryElement()
    {
        using var project = TrackProject.Create();
        var tar = project.PublishTar("lib.tar.gz", ("lib.c", "int x;\n"));
        var same = project.Publish("same.txt", "same\n");
        project.Write("elements/lib.bst", "kind: import\nsources:\n- kind: tar\n  url: upstream:lib.tar.gz\n  ref: old\n" +
            $"- kind: remote\n  url: upstream:same.txt\n  ref: {same}\n  directory: extra\n");
        project.Write("elements/top.bst", "kind: stack\ndepends:\n- lib.bst\n");
        var report = Path.Combine(project.Upstream, "..", "report.json");

        project.Track("--deps", "all", "--report", report, "top.bst").AssertSuccess();

        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var root = json.RootElement;
        Assert.True(root.GetProperty("changed").GetBoolean());
        Assert.True(root.GetProperty("written").GetBoolean());
        Assert.Equal(new[] { "elements/lib.bst" }, root.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        var lib = Assert.Single(root.GetProperty("elements").EnumerateArray());
        Assert.Equal("lib.bst", lib.GetProperty("element").GetString());
        Assert.True(lib.GetProperty("changed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, lib.GetProperty("error").ValueKind);
        var sources = lib.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(2, sources.Count);
        Assert.Equal("tar", sources[0].GetProperty("kind").GetString());
        Assert.Equal("upstream:lib.tar.gz", sources[0].GetProperty("url").GetString());
        Assert.Equal("old", sources[0].GetProperty("old-ref").GetString());
        Assert.Equal(tar, sources[0].GetProperty("new-ref").GetString());
        Assert.True(sources[0].GetProperty("changed").GetBoolean());
        Assert.Equal(JsonValueKind.Array, sources[0].GetProperty("changes").ValueKind);
        Assert.Equal("extra", sources[1].GetProperty("directory").GetString());
        Assert.Equal(same, sources[1].GetProperty("old-ref").GetString());
        Assert.Equal(same, sources[1].GetProperty("new-ref").GetString());
        Assert.False(sources[1].GetProperty("changed").GetBoolean());
    }

    [Fact]
    public void Report_WithCheck_SaysNothingWasWritten()
    {
        using var project = TrackProject.Create();
        project.Publish("f.txt", "f\n");
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:f.txt\n");
        var report = Path.Combine(project.Upstream, "..", "report.json");

        Assert.Equal(ExitCodes.Changed, project.Track("--check", "--report", report, "e.bst").ExitCode);

        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.True(json.RootElement.GetProperty("changed").GetBoolean());
        Assert.False(json.RootElement.GetProperty("written").GetBoolean());
        Assert.Empty(json.RootElement.GetProperty("files").EnumerateArray());
        var source = json.RootElement.GetProperty("elements")[0].GetProperty("sources")[0];
        Assert.Equal(JsonValueKind.Null, source.GetProperty("old-ref").ValueKind);
    }

    [Fact]
    public void Report_FailedElement_CarriesTheError()
    {
        using var project = TrackProject.Create();
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: remote\n  url: upstream:gone.txt\n");
        var report = Path.Combine(project.Upstream, "..", "report.json");

        project.Track("--report", report, "e.bst").AssertUserError();

        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var element = json.RootElement.GetProperty("elements")[0];
        Assert.StartsWith("elements/e.bst [line", element.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(element.GetProperty("changed").GetBoolean());
    }
}
