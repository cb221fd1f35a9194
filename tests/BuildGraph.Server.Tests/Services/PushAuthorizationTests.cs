using System.Security.Cryptography.X509Certificates;
using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;
using BuildGraph.Grpc.Tests;
using BuildGraph.Protos.Asset;
using BuildGraph.Protos.Reapi;
using BuildGraph.Remote;
using BuildGraph.Testing;

namespace BuildGraph.Server.Tests.Services;

[Trait("Category", "Integration")]
public sealed class PushAuthorizationTests
{
    private static readonly TestCertificates Certificates = TestCertificates.Create();

    [Fact]
    public async Task PushDisabled_EveryWrite_IsPermissionDenied()
    {
        await using var server = await TestServer.StartAsync(o => o with { EnablePush = false });
        var (digest, bytes) = TestServer.Blob("x");
        var batch = await Assert.ThrowsAsync<RpcException>(() => server.UploadAsync(bytes));
        var write = await Assert.ThrowsAsync<RpcException>(() => server.WriteAsync(TestServer.UploadName(digest), bytes));
        var ac = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync(ActionCacheMethods.UpdateActionResult,
            new UpdateActionResultRequest { ActionDigest = digest.ToProto(), ActionResult = new ActionResult() }));
        var asset = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync(AssetMethods.PushBlob,
            new PushBlobRequest { Uris = { "urn:x" }, BlobDigest = digest.ToProto() }));
        Assert.All(new[] { batch, write, ac, asset }, e => Assert.Equal(StatusCode.PermissionDenied, e.Status));
        var caps = await server.Channel.UnaryAsync(CapabilitiesMethods.GetCapabilities, new GetCapabilitiesRequest());
        Assert.False(caps.CacheCapabilities.ActionCacheUpdateCapabilities.UpdateEnabled);
    }

    [Fact]
    public async Task Tokens_GoodPushes_MissingOrBadIsUnauthenticated_ReadsOpen()
    {
        using var directory = new TempDirectory();
        var tokenFile = directory.Combine("tokens");
        await File.WriteAllTextAsync(tokenFile, "# push tokens\nsecret-one\n\nsecret-two\n");
        await using var server = await TestServer.StartAsync(o => o with { TokenFile = tokenFile });
        var (digest, bytes) = TestServer.Blob("guarded");

        var none = await Assert.ThrowsAsync<RpcException>(() => server.UploadAsync(bytes));
        Assert.Equal(StatusCode.Unauthenticated, none.Status);
        using var bad = server.CreateChannel(o => o with { BearerToken = "guess" });
        var badWrite = await Assert.ThrowsAsync<RpcException>(() => server.WriteAsync(TestServer.UploadName(digest), bytes, channel: bad));
        Assert.Equal(StatusCode.Unauthenticated, badWrite.Status);

        using var good = server.CreateChannel(o => o with { BearerToken = "secret-two" });
        Assert.Equal(bytes.Length, await server.WriteAsync(TestServer.UploadName(digest), bytes, channel: good));
        Assert.Equal(bytes, await server.ReadAsync(TestServer.BlobName(digest)));
    }

    [Fact]
    public async Task ClientCertificate_FromConfiguredCa_MayPush()
    {
        using var directory = new TempDirectory();
        string cert = directory.Combine("server.pem"), key = directory.Combine("server.key"), ca = directory.Combine("ca.pem");
        TestCertificates.WritePem(Certificates.Server, cert, key);
        TestCertificates.WritePem(Certificates.Ca, ca);
        await using var server = await TestServer.StartAsync(
            o => o with { TlsCertificateFile = cert, TlsKeyFile = key, ClientCaFile = ca },
            c => c with { TrustedRoots = new X509Certificate2Collection(Certificates.Ca) });
        var (digest, bytes) = TestServer.Blob("mtls");

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => server.UploadAsync(bytes));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.Status);

        using var withCertificate = server.CreateChannel(o => o with { TrustedRoots = [Certificates.Ca], ClientCertificate = Certificates.Client });
        Assert.Equal(bytes.Length, await server.WriteAsync(TestServer.UploadName(digest), bytes, channel: withCertificate));
        Assert.Equal(bytes, await server.ReadAsync(TestServer.BlobName(digest)));
    }
}
