using System.Security.Cryptography.X509Certificates;
using BuildGraph.Abstractions;
using BuildGraph.Cas;
using BuildGraph.Protos.Asset;
using BuildGraph.Protos.Reapi;
using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;
using BuildGraph.Remote.Tests.Clients;
using BuildGraph.Grpc.Tests;
using BuildGraph.Server;
using Digest = BuildGraph.Abstractions.Digest;

namespace BuildGraph.Remote.Tests.Interop;

/// <summary>grpc-js (npm) against our server, and our client against a grpc-js server.</summary>
[Trait("Category", "Integration")]
public sealed class GrpcJsInteropTests
{
    private static readonly Dictionary<string, string> NodeEnvironment = new() { ["NODE_PATH"] = InteropPaths.GrpcJsModules };

    private static string Script(string name) => Path.Combine(InteropPaths.Scripts, "grpc-js", name);

    [GrpcJsFact]
    public async Task GrpcJsClient_AgainstOurServer_AllChecksPass()
    {
        await using var context = await ClientTestContext.StartAsync();
        var certificates = TestCertificates.Create();
        string cert = Path.Combine(context.Root, "server.pem"), key = Path.Combine(context.Root, "server.key"), ca = Path.Combine(context.Root, "ca.pem");
        TestCertificates.WritePem(certificates.Server, cert, key);
        TestCertificates.WritePem(certificates.Ca, ca);
        await using var tls = await ArtifactServer.StartAsync(new ArtifactServerOptions
        {
            Port = 0, Directory = Path.Combine(context.Root, "tls-server"), TlsCertificateFile = cert, TlsKeyFile = key,
        });

        // A blob whose stored copy is damaged (same size): reads send data, then fail with DATA_LOSS.
        var bytes = ClientTestContext.RandomBytes(2 * 1024 * 1024 + 1, 11);
        var digest = await context.CasClient().PutBytesAsync(bytes, CancellationToken.None);
        var objectPath = Path.Combine(context.Root, "server", "cas", "objects", digest.Hash[..2], digest.Hash[2..]);
        File.SetUnixFileMode(objectPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using (var file = File.OpenWrite(objectPath))
        {
            file.Position = bytes.Length - 10;
            file.WriteByte((byte)(bytes[^10] ^ 0xff));
        }

        using var client = PeerProcess.Start("node",
            [Script("client.js"), $"127.0.0.1:{context.Server.Address.Port}", $"blobs/{digest.Hash}/{digest.SizeBytes}",
                $"localhost:{tls.Address.Port}", ca], NodeEnvironment);
        var exit = await client.WaitForExitAsync(TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, client.Output);
        Assert.Contains(" 0 failed", client.Output);
    }

    [GrpcJsFact]
    public async Task OurClient_AgainstGrpcJsServer_TransfersTreesAndMapsStatuses()
    {
        using var server = PeerProcess.Start("node", [Script("server.js")], NodeEnvironment);
        var port = await server.WaitForPortAsync(TimeSpan.FromSeconds(30));
        await using var context = await ClientTestContext.StartAsync();
        using var channel = new HttpRpcChannel(new RpcChannelOptions { Address = new Uri($"http://127.0.0.1:{port}") });

        var files = new Dictionary<string, byte[]>
        {
            ["small.txt"] = "small"u8.ToArray(),
            ["dir/medium.bin"] = ClientTestContext.RandomBytes(800_000, 1),
            ["dir/sub/large.bin"] = ClientTestContext.RandomBytes(6 * 1024 * 1024 + 1, 2),
        };
        var root = await context.Source.ImportAsync(context.WriteTree("in", files), ImportMode.Copy, CancellationToken.None);
        var cas = new CasClient(channel);
        Assert.True(await cas.UploadTreeAsync(context.Source, root, CancellationToken.None) > 0, server.Output);
        Assert.Equal(0, await cas.UploadTreeAsync(context.Source, root, CancellationToken.None));
        await cas.DownloadTreeAsync(context.Target, root, CancellationToken.None);
        var output = Path.Combine(context.Root, "out");
        await context.Target.CheckoutAsync(root, output, useHardlinks: false, CancellationToken.None);
        foreach (var (path, content) in files)
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(output, path)));

        var notFound = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ActionCacheMethods.GetActionResult,
            new GetActionResultRequest { ActionDigest = Digest.Of("a"u8).ToProto() }));
        Assert.Equal(StatusCode.NotFound, notFound.Status);
        Assert.Equal("précondition ✗ 100% failed", notFound.Detail);

        var deadline = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(ActionCacheMethods.UpdateActionResult,
            new UpdateActionResultRequest { ActionDigest = Digest.Of("a"u8).ToProto(), ActionResult = new ActionResult() },
            new CallOptions { Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Equal(StatusCode.DeadlineExceeded, deadline.Status);

        var unimplemented = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(AssetMethods.FetchBlob, new FetchBlobRequest { Uris = { "urn:x" } }));
        Assert.Equal(StatusCode.Unimplemented, unimplemented.Status);
    }
}
