using BuildGraph.Cli.Tests.Build;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>A remote cache that is down or refuses never fails a build: it is a warning, and the build goes on locally.</summary>
[Trait("Category", "Integration")]
public sealed class RemoteFailureTests
{
    [BuildFact]
    public void Build_RemoteDown_WarnsOnceAndBuildsLocally()
    {
        using var project = BusyboxBase.Copy("build-basic");
        project.AddRemote($"http://127.0.0.1:{RemoteProject.ClosedPort()}", push: true);

        var result = project.Run("build", "system.bst").AssertSuccess();

        Assert.Equal(["base.bst", "hello.bst", "system.bst"], result.Elements("START").Order(StringComparer.Ordinal));
        Assert.Single(WarningLines(result), line => line.Contains("unavailable", StringComparison.Ordinal));
        Assert.Empty(result.Elements("PUSHED"));
        Assert.Equal("cached", project.StateOf("system.bst"));
    }

    [BuildFact]
    public async Task Build_ServerWithoutPush_WarnsAndBuildsLocally()
    {
        await using var server = await RemoteServer.StartAsync(enablePush: false);
        using var project = BusyboxBase.Copy("build-basic");
        project.AddRemote(server.Url, push: true);

        var result = project.Run("build", "hello.bst").AssertSuccess();

        Assert.Equal(["base.bst", "hello.bst"], result.Elements("START").Order(StringComparer.Ordinal));
        Assert.Single(WarningLines(result), line => line.Contains("refused a push", StringComparison.Ordinal));
        Assert.Empty(result.Elements("PUSHED"));
        Assert.False(await server.HasAsync(RemoteServer.ArtifactUrn(project.ArtifactName("basic", "hello.bst"))));

        // Asked for explicitly, a refused push is an error.
        Assert.Equal(ExitCodes.UserError, project.Run("artifact", "push", "hello.bst").ExitCode);
    }

    [BuildFact]
    public async Task Build_WrongAccessToken_WarnsAndRightTokenPushes()
    {
        var tokens = Path.Combine(Path.GetTempPath(), "bgx-tokens-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(tokens, "right-token\n");
        try
        {
            await using var server = await RemoteServer.StartAsync(tokenFile: tokens);
            using var project = BusyboxBase.Copy("build-basic");
            project.Write("token", "wrong-token\n");
            project.AddRemote(server.Url, push: true, extra: "  auth:\n    access-token: token\n");

            var refused = project.Run("build", "hello.bst").AssertSuccess();
            Assert.Single(WarningLines(refused), line => line.Contains("refused a push", StringComparison.Ordinal));
            Assert.Empty(refused.Elements("PUSHED"));

            project.Write("token", "right-token\n");
            var pushed = project.Run("build", "hello.bst").AssertSuccess();
            Assert.Empty(pushed.Elements("START"));
            Assert.Equal(["base.bst", "hello.bst"], pushed.Elements("PUSHED").Order(StringComparer.Ordinal));
            Assert.True(await server.HasAsync(RemoteServer.ArtifactUrn(project.ArtifactName("basic", "hello.bst"))));
        }
        finally
        {
            File.Delete(tokens);
        }
    }

    [BuildFact]
    public void Build_UnreadableCredentials_IsUserErrorNamingTheRemote()
    {
        using var project = BusyboxBase.Copy("build-basic");
        project.AddRemote("https://127.0.0.1:1", push: false, extra: "  auth:\n    server-cert: missing.pem\n");
        var result = project.Run("build", "hello.bst");
        result.AssertUserError();
        Assert.Contains("project.conf", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The text under each WARNING line.</summary>
    private static List<string> WarningLines(CliResult result)
    {
        var lines = result.Stdout.Split('\n');
        return lines.Select((line, i) => (line, i))
            .Where(x => x.line.Contains(" WARNING ", StringComparison.Ordinal) && x.i + 1 < lines.Length)
            .Select(x => lines[x.i + 1])
            .ToList();
    }
}
