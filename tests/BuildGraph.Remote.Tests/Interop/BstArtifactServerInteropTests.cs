using BuildGraph.Abstractions;
using BuildGraph.Cas;
using BuildGraph.Grpc;
using BuildGraph.Remote.Tests.Clients;

namespace BuildGraph.Remote.Tests.Interop;

/// <summary>Our CAS client against BuildStream 1.6.8's artifact server (Debian) as a plain REAPI CAS.</summary>
[Trait("Category", "Integration")]
public sealed class BstArtifactServerInteropTests
{
    [BstFact]
    public async Task OurClient_AgainstBstArtifactServer_PushesAndPullsTrees()
    {
        await using var context = await ClientTestContext.StartAsync();
        using var server = PeerProcess.Start(BstFactAttribute.Python,
            [Path.Combine(InteropPaths.Scripts, "bst", "cas_server.py"), Path.Combine(context.Root, "bst-repo")]);
        var port = await server.WaitForPortAsync(TimeSpan.FromSeconds(60));
        using var channel = new HttpRpcChannel(new RpcChannelOptions { Address = new Uri($"http://127.0.0.1:{port}") });
        var cas = new CasClient(channel);

        var capabilities = await cas.GetCapabilitiesAsync(CancellationToken.None);
        Assert.Contains(Protos.Reapi.DigestFunction.Types.Value.Sha256, capabilities.CacheCapabilities.DigestFunctions);

        var files = new Dictionary<string, byte[]>
        {
            ["usr/bin/tool"] = "#!/bin/sh\necho hi\n"u8.ToArray(),
            ["usr/share/many/a"] = "a"u8.ToArray(),
            ["usr/share/many/b"] = "b"u8.ToArray(),
            ["usr/lib/medium.so"] = ClientTestContext.RandomBytes(700_000, 1),
            ["usr/lib/large.so"] = ClientTestContext.RandomBytes(5 * 1024 * 1024 + 9, 2),
        };
        var root = await context.Source.ImportAsync(context.WriteTree("in", files), ImportMode.Copy, CancellationToken.None);
        Assert.True(await cas.UploadTreeAsync(context.Source, root, CancellationToken.None) > 0, server.Output);
        Assert.Equal(0, await cas.UploadTreeAsync(context.Source, root, CancellationToken.None));
        Assert.True(await cas.DownloadTreeAsync(context.Target, root, CancellationToken.None) > 0);

        var output = Path.Combine(context.Root, "out");
        await context.Target.CheckoutAsync(root, output, useHardlinks: false, CancellationToken.None);
        foreach (var (path, content) in files)
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(output, path)));

        var absent = Digest.Of("not on the bst server"u8);
        Assert.Equal([absent], await cas.FindMissingAsync([absent], CancellationToken.None));
        Assert.Null(await cas.TryReadBytesAsync(absent, CancellationToken.None));
        var large = Digest.Of(files["usr/lib/large.so"]);
        Assert.Equal(files["usr/lib/large.so"], await cas.TryReadBytesAsync(large, CancellationToken.None));
    }

    [BstFact]
    public async Task OurClient_AgainstBstArtifactServer_UnsupportedServiceIsUnimplemented()
    {
        using var server = PeerProcess.Start(BstFactAttribute.Python,
            [Path.Combine(InteropPaths.Scripts, "bst", "cas_server.py"), Path.Combine(Path.GetTempPath(), "bgx-bst-" + Guid.NewGuid().ToString("N"))]);
        var port = await server.WaitForPortAsync(TimeSpan.FromSeconds(60));
        using var channel = new HttpRpcChannel(new RpcChannelOptions { Address = new Uri($"http://127.0.0.1:{port}") });
        var e = await Assert.ThrowsAsync<RemoteException>(() => new AssetClient(channel).FetchBlobAsync(["urn:x"], CancellationToken.None));
        Assert.Equal(StatusCode.Unimplemented, e.Status);
    }
}
