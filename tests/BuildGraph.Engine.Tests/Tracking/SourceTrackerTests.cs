using System.Security.Cryptography;
using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Engine.Tracking;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tests.Tracking;

/// <summary>
/// An element's sources are tracked in order; a kind that tracks from the previous sources sees them
/// staged (at its directory) with their new refs, and only changed refs are written.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SourceTrackerTests
{
    [Fact]
    public async Task Track_LockReaderAfterRemote_SeesTheRemotesNewContent()
    {
        using var project = Project(out var upstream);
        var v1 = Publish(upstream, "lock.txt", "v1");
        project.Write("elements/e.bst", "kind: import\nsources:\n" +
            $"- kind: remote\n  url: upstream:lock.txt\n  directory: src\n  ref: {v1}\n" +
            "- kind: lock-reader\n  directory: src\n  ref: v1\n");
        var v2 = Publish(upstream, "lock.txt", "v2");
        var session = Open(project);
        var element = Assert.Single(session.Load(new[] { "e.bst" }).Targets);

        var outcome = Assert.Single(await session.TrackAsync(new[] { element }, _ => { }, CancellationToken.None));

        Assert.Null(outcome.Error);
        Assert.Equal(v2, ((ScalarNode)outcome.Sources[0].NewRef!).Value);
        Assert.Equal("v2", ((ScalarNode)outcome.Sources[1].NewRef!).Value);
        Assert.Equal(new[] { "read v2" }, outcome.Sources[1].Changes);
        Assert.True(outcome.Sources[1].Changed);
    }

    [Fact]
    public async Task Track_UnchangedFirstSource_OnlyTheChangedRefIsWritten()
    {
        using var project = Project(out var upstream);
        var v1 = Publish(upstream, "lock.txt", "v1");
        var text = "kind: import\nsources:\n" +
            $"- kind: remote\n  url: upstream:lock.txt\n  ref: {v1}   # keep\n" +
            "- kind: lock-reader\n  ref: v0 # stale\n";
        project.Write("elements/e.bst", text);
        var session = Open(project);
        var element = Assert.Single(session.Load(new[] { "e.bst" }).Targets);

        var outcomes = await session.TrackAsync(new[] { element }, _ => { }, CancellationToken.None);
        var written = await session.WriteRefsAsync(outcomes, CancellationToken.None);

        Assert.False(outcomes[0].Sources[0].Changed);
        Assert.Equal(text.Replace("ref: v0 # stale", "ref: v1 # stale", StringComparison.Ordinal), project.Read("elements/e.bst"));
        Assert.Single(written.Files);
        Assert.Empty(written.Errors);
    }

    [Fact]
    public async Task Track_LockMissingFromThePreviousSources_FailsAtTheSource()
    {
        using var project = Project(out _);
        const string text = "kind: import\nsources:\n- kind: local\n  path: files\n- kind: lock-reader\n";
        project.Write("files/other.txt", "x");
        project.Write("elements/e.bst", text);
        var session = Open(project);
        var element = Assert.Single(session.Load(new[] { "e.bst" }).Targets);

        var outcomes = await session.TrackAsync(new[] { element }, _ => { }, CancellationToken.None);
        var written = await session.WriteRefsAsync(outcomes, CancellationToken.None);

        var error = Assert.IsType<SourceException>(outcomes[0].Error);
        Assert.Equal(ErrorReason.MissingFile, error.Reason);
        Assert.Equal(new Provenance("elements/e.bst", 5, 3), error.Provenance);
        Assert.Empty(written.Files);
        Assert.Equal(text, project.Read("elements/e.bst"));
    }

    [Fact]
    public async Task Track_LocalSourceOnly_TracksNothing()
    {
        using var project = Project(out _);
        project.Write("files/a", "a");
        project.Write("elements/e.bst", "kind: import\nsources:\n- kind: local\n  path: files\n");
        var session = Open(project);
        var element = Assert.Single(session.Load(new[] { "e.bst" }).Targets);

        var outcome = Assert.Single(await session.TrackAsync(new[] { element }, _ => { }, CancellationToken.None));

        Assert.Null(outcome.Error);
        Assert.Null(outcome.Sources[0].NewRef);
        Assert.False(outcome.Changed);
    }

    private static TestProject Project(out string upstream)
    {
        var project = TestProject.Empty();
        upstream = Path.Combine(project.CacheDirectory, "..", "upstream");
        Directory.CreateDirectory(upstream);
        project.Write("project.conf", "name: demo\nmin-version: 2.0\nelement-path: elements\naliases:\n" +
            $"  upstream: {new Uri(Path.GetFullPath(upstream) + "/").AbsoluteUri}\n");
        return project;
    }

    private static BuildSession Open(TestProject project) =>
        BuildSession.Open(project.Directory, project.UserConfig(), new TrackingCatalog(), Array.Empty<KeyValuePair<string, string>>());

    private static string Publish(string directory, string name, string content)
    {
        File.WriteAllText(Path.Combine(directory, name), content);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
