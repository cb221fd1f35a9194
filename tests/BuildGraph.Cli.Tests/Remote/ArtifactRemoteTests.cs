using BuildGraph.Cli.Tests.Build;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>
/// Our client against our artifact server: <c>bgx build</c> pushes what it builds and pulls instead of
/// building on a fresh cache, with byte-identical checkouts; <c>bgx artifact push|pull</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ArtifactRemoteTests
{
    [BuildFact]
    public async Task Build_WithPushRemote_FreshCachePullsInsteadOfBuildingWithIdenticalCheckout()
    {
        await using var server = await RemoteServer.StartAsync();
        using var project = BusyboxBase.Copy("build-basic");
        project.AddRemote(server.Url, push: true);

        var first = project.Run("build", "system.bst").AssertSuccess();
        Assert.Equal(["base.bst", "hello.bst", "system.bst"], first.Elements("START").Order(StringComparer.Ordinal));
        Assert.Equal(["base.bst", "hello.bst", "system.bst"], first.Elements("PUSHED").Order(StringComparer.Ordinal));
        Assert.True(await server.HasAsync(RemoteServer.ArtifactUrn(project.ArtifactName("basic", "hello.bst"))));
        var before = project.CheckoutBuilt("system.bst", deps: "run");

        project.ForgetCache();
        var second = project.Run("build", "system.bst").AssertSuccess();

        Assert.Empty(second.Elements("START"));
        Assert.Equal(["base.bst", "hello.bst", "system.bst"], second.Elements("PULLED").Order(StringComparer.Ordinal));
        Assert.Contains("Pulled 3 from remote caches.", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("Built 0, failed 0, skipped 0.", second.Stdout, StringComparison.Ordinal);
        Assert.Empty(second.Elements("PUSHED"));
        RemoteProject.AssertIdenticalTrees(before, project.CheckoutBuilt("system.bst", deps: "run"));
        Assert.Contains("hello", project.Run("artifact", "log", "hello.bst").AssertSuccess().Stdout, StringComparison.Ordinal);

        var third = project.Run("build", "system.bst").AssertSuccess();
        Assert.Equal(["base.bst", "hello.bst", "system.bst"], third.Elements("CACHED").Order(StringComparer.Ordinal));
        Assert.Empty(third.Elements("PULLED"));
        Assert.Empty(third.Elements("PUSHED"));
    }

    [BuildFact]
    public async Task ArtifactPushAndPull_CommandLineRemote_MoveOneArtifact()
    {
        await using var server = await RemoteServer.StartAsync();
        using var project = BusyboxBase.Copy("build-basic");
        project.Run("build", "hello.bst").AssertSuccess();
        var before = project.CheckoutBuilt("hello.bst");

        var push = project.Run("artifact", "push", "--artifact-remote", server.Url, "hello.bst").AssertSuccess();
        Assert.Equal(["hello.bst"], push.Elements("PUSHED"));
        Assert.Contains("Pushed 1, already there 0, failed 0.", push.Stdout, StringComparison.Ordinal);
        Assert.Contains("Pushed 0, already there 1, failed 0.",
            project.Run("artifact", "push", "--remote", server.Url, "hello.bst").AssertSuccess().Stdout, StringComparison.Ordinal);

        project.ForgetCache();
        var pull = project.Run("artifact", "pull", "--artifact-remote", server.Url, "hello.bst").AssertSuccess();
        Assert.Equal(["hello.bst"], pull.Elements("PULLED"));
        Assert.Equal("cached", project.StateOf("hello.bst"));
        RemoteProject.AssertIdenticalTrees(before, project.CheckoutBuilt("hello.bst"));

        // A checkout pulls what is missing, as bst's does.
        project.ForgetCache();
        var directory = project.NewDirectory("checkout");
        var checkout = project.Run("artifact", "checkout", "--artifact-remote", server.Url, "--deps", "none", "--directory", directory, "hello.bst")
            .AssertSuccess();
        Assert.Contains("PULLED", checkout.Stderr, StringComparison.Ordinal);
        RemoteProject.AssertIdenticalTrees(before, directory);

        // base.bst was never pushed: asking for it is an error naming it.
        var missing = project.Run("artifact", "pull", "--artifact-remote", server.Url, "--deps", "all", "hello.bst");
        Assert.Equal(ExitCodes.UserError, missing.ExitCode);
        Assert.Contains("base.bst", missing.Stderr, StringComparison.Ordinal);
    }

    [BuildFact]
    public void ArtifactPush_NotCachedOrNoRemote_IsUserError()
    {
        using var project = BusyboxBase.Copy("build-basic");
        project.Run("artifact", "push", "--artifact-remote", "http://127.0.0.1:1", "hello.bst").AssertUserError();
        project.Run("build", "hello.bst").AssertSuccess();
        project.Run("artifact", "push", "hello.bst").AssertUserError();
    }
}
