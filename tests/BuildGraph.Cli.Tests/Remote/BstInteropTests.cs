using BuildGraph.Cli.Tests.Build;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>
/// Our client against BuildStream 1.6.8's artifact server, which is a CAS without Remote Asset: it
/// stores an artifact's blobs (type storage), while the index lives on a Remote Asset server.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BstInteropTests
{
    [BstInteropFact]
    public async Task Build_BlobsOnBst168IndexOnOurServer_FreshCachePullsBlobsFromBst()
    {
        using var bst = await BstCasServer.StartAsync();
        await using var index = await RemoteServer.StartAsync();
        using var project = BusyboxBase.Copy("build-basic");
        var conf = Path.Combine(project.Directory, "project.conf");
        var original = File.ReadAllText(conf);
        File.WriteAllText(conf, original + $"""

            artifacts:
            - url: {bst.Url}
              type: storage
              push: true
            - url: {index.Url}
              push: true
            """);
        var first = project.Run("build", "hello.bst").AssertSuccess();
        Assert.Equal(["base.bst", "hello.bst"], first.Elements("PUSHED").Order(StringComparer.Ordinal));
        var before = project.CheckoutBuilt("hello.bst");

        // Now only the index comes from our server: every blob must come from BuildStream's.
        project.ForgetCache();
        File.WriteAllText(conf, original + $"""

            artifacts:
            - url: {index.Url}
              type: index
            - url: {bst.Url}
              type: storage
            """);
        var second = project.Run("build", "hello.bst").AssertSuccess();

        Assert.Empty(second.Elements("START"));
        Assert.Equal(["base.bst", "hello.bst"], second.Elements("PULLED").Order(StringComparer.Ordinal));
        Assert.Contains(bst.Url, second.Stdout, StringComparison.Ordinal);
        RemoteProject.AssertIdenticalTrees(before, project.CheckoutBuilt("hello.bst"));
    }

    [BstInteropFact]
    public async Task Build_Bst168AsTheOnlyRemote_WarnsNoRemoteAssetAndStoresBlobs()
    {
        using var bst = await BstCasServer.StartAsync();
        using var project = BusyboxBase.Copy("build-basic");
        project.AddRemote(bst.Url, push: true);

        var result = project.Run("build", "hello.bst").AssertSuccess();

        Assert.Contains("has no Remote Asset service", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["base.bst", "hello.bst"], result.Elements("START").Order(StringComparer.Ordinal));
        Assert.Equal(["base.bst", "hello.bst"], result.Elements("PUSHED").Order(StringComparer.Ordinal));
    }
}
