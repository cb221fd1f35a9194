using System.Security.Cryptography.X509Certificates;
using BuildGraph.Grpc;

namespace BuildGraph.Grpc.Tests;

[Trait("Category", "Integration")]
public sealed class TransportTlsTests : IAsyncLifetime
{
    private static readonly TestCertificates Certificates = TestCertificates.Create();
    private readonly EchoService _service = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync(_service.Map, Certificates.Server, new X509Certificate2Collection(Certificates.Ca));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Unary_TrustedPrivateCa_Works()
    {
        using var channel = _server.CreateChannel(o => o with { TrustedRoots = [Certificates.Ca] });
        var response = await channel.UnaryAsync(EchoService.Unary, EchoService.Command("echo:secure"));
        Assert.Equal("secure", EchoService.Text(response));
    }

    [Fact]
    public async Task Unary_ClientCertificate_IsSeenByHandler()
    {
        using var channel = _server.CreateChannel(o => o with { TrustedRoots = [Certificates.Ca], ClientCertificate = Certificates.Client });
        var response = await channel.UnaryAsync(EchoService.Unary, EchoService.Command("whoami"));
        Assert.Equal("CN=bgx test client", EchoService.Text(response));
    }

    [Fact]
    public async Task Unary_ClientCertificateFromOtherCa_IsRefused()
    {
        var other = TestCertificates.Create("other CA");
        using var channel = _server.CreateChannel(o => o with { TrustedRoots = [Certificates.Ca], ClientCertificate = other.Client });
        var e = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoService.Unary, EchoService.Command("whoami")));
        Assert.Equal(StatusCode.Unavailable, e.Status);
    }

    [Fact]
    public async Task Unary_UntrustedServer_IsUnavailable()
    {
        using var channel = _server.CreateChannel();
        var e = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoService.Unary, EchoService.Command("echo:x")));
        Assert.Equal(StatusCode.Unavailable, e.Status);
    }

    [Fact]
    public async Task Unary_PlaintextToTlsPort_IsUnavailable()
    {
        using var channel = new HttpRpcChannel(new RpcChannelOptions { Address = new Uri($"grpc://127.0.0.1:{_server.Address.Port}") });
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(EchoService.Unary, EchoService.Command("echo:x"), new CallOptions { Timeout = TimeSpan.FromSeconds(20) }));
        Assert.Contains(e.Status, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }
}
