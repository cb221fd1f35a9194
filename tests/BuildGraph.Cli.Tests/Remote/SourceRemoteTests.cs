using System.Security.Cryptography;
using BuildGraph.Cli.Tests.Build;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>
/// Remote source caches: a fetch pushes the staged sources (BuildStream 2's element sources URN);
/// a fresh cache pulls them instead of downloading, even when upstream is gone.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SourceRemoteTests
{
    [Fact]
    public async Task SourceFetch_WithPushCache_FreshCachePullsWhenUpstreamIsGone()
    {
        await using var server = await RemoteServer.StartAsync();
        using var project = TestProject.Copy("build-basic");
        var upstream = Path.Combine(project.Directory, "..", "upstream");
        Directory.CreateDirectory(upstream);
        var content = RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 3); // large enough for ByteStream
        File.WriteAllBytes(Path.Combine(upstream, "data.bin"), content);
        project.Write("elements/fetched.bst", $"""
            kind: import
            sources:
            - kind: remote
              url: file://{Path.GetFullPath(upstream)}/data.bin
              ref: {Convert.ToHexStringLower(SHA256.HashData(content))}
            """);
        project.AddRemote(server.Url, push: true, section: "source-caches");

        var first = project.Run("source", "fetch", "fetched.bst").AssertSuccess();
        Assert.Equal(["fetched.bst"], first.Elements("PUSHED"));
        Assert.Contains("Pushed 0, already there 1, failed 0.",
            project.Run("source", "push", "fetched.bst").AssertSuccess().Stdout, StringComparison.Ordinal);

        project.ForgetCache();
        File.Delete(Path.Combine(upstream, "data.bin"));
        var second = project.Run("source", "fetch", "fetched.bst").AssertSuccess();
        Assert.Equal(["fetched.bst"], second.Elements("PULLED"));

        project.Run("build", "fetched.bst").AssertSuccess();
        var checkout = project.CheckoutBuilt("fetched.bst");
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(checkout, "data.bin")));
    }

    [Fact]
    public async Task Build_SourcesOnlyInSourceCache_PullsThemAndBuilds()
    {
        await using var server = await RemoteServer.StartAsync();
        using var project = TestProject.Copy("build-basic");
        var upstream = Path.Combine(project.Directory, "..", "upstream");
        Directory.CreateDirectory(upstream);
        var content = "from the source cache\n"u8.ToArray();
        File.WriteAllBytes(Path.Combine(upstream, "note.txt"), content);
        project.Write("elements/fetched.bst", $"""
            kind: import
            sources:
            - kind: remote
              url: file://{Path.GetFullPath(upstream)}/note.txt
              ref: {Convert.ToHexStringLower(SHA256.HashData(content))}
            """);
        project.AddRemote(server.Url, push: true, section: "source-caches");
        project.Run("source", "fetch", "fetched.bst").AssertSuccess();
        project.ForgetCache();
        File.Delete(Path.Combine(upstream, "note.txt"));

        var build = project.Run("build", "fetched.bst").AssertSuccess();

        Assert.Equal(["fetched.bst"], build.Elements("PULLED"));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(project.CheckoutBuilt("fetched.bst"), "note.txt")));
    }
}
