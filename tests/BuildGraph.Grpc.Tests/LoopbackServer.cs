using System.Net;
using System.Security.Cryptography.X509Certificates;
using BuildGraph.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BuildGraph.Grpc.Tests;

/// <summary>A Kestrel gRPC server on 127.0.0.1 and a port the OS picks, for one test.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<LoopbackServer> StartAsync(Action<IEndpointRouteBuilder> map, X509Certificate2? certificate = null,
        X509Certificate2Collection? clientRoots = null, RpcServerOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (options is not null)
            builder.Services.AddSingleton(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            GrpcKestrel.ConfigureLimits(kestrel);
            GrpcKestrel.Listen(kestrel, new IPEndPoint(IPAddress.Loopback, 0), certificate, clientRoots);
        });
        var app = builder.Build();
        map(app);
        app.MapUnimplementedFallback();
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var scheme = certificate is null ? "http" : "https";
        return new LoopbackServer(app, new Uri($"{scheme}://{(certificate is null ? "127.0.0.1" : "localhost")}:{bound.Port}"));
    }

    public HttpRpcChannel CreateChannel(Func<RpcChannelOptions, RpcChannelOptions>? configure = null)
    {
        var options = new RpcChannelOptions { Address = Address };
        return new HttpRpcChannel(configure?.Invoke(options) ?? options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
