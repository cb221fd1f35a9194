using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace BuildGraph.Grpc;

/// <summary>Kestrel settings every bgx gRPC server needs (docs/grpc-transport.md, section 3).</summary>
public static class GrpcKestrel
{
    /// <summary>
    /// No request body limit (messages have their own), no minimum data rates (uploads may pause,
    /// Execute streams idle for minutes), and many concurrent streams per connection (gRPC clients use
    /// one connection per server).
    /// </summary>
    public static void ConfigureLimits(KestrelServerOptions options, int maxStreamsPerConnection = 1000)
    {
        options.AddServerHeader = false;
        options.Limits.MaxRequestBodySize = null;
        options.Limits.MinRequestBodyDataRate = null;
        options.Limits.MinResponseDataRate = null;
        options.Limits.Http2.MaxStreamsPerConnection = maxStreamsPerConnection;
        // Uploads of large blobs stall on WINDOW_UPDATE round trips with the 768 KiB / 1 MiB defaults.
        options.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;
        options.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
    }

    /// <summary>
    /// Listens for gRPC on <paramref name="endpoint"/>: HTTP/2 only without TLS (h2c: an
    /// Http1AndHttp2 endpoint without TLS would silently serve HTTP/1.1 only), or TLS with ALPN h2.
    /// With <paramref name="clientCertificateRoots"/>, clients may present a certificate, which must
    /// chain to one of those roots (else the handshake fails).
    /// </summary>
    public static void Listen(KestrelServerOptions options, IPEndPoint endpoint, X509Certificate2? serverCertificate = null,
        X509Certificate2Collection? clientCertificateRoots = null)
    {
        options.Listen(endpoint, listen =>
        {
            if (serverCertificate is null)
            {
                listen.Protocols = HttpProtocols.Http2;
                return;
            }
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(https =>
            {
                https.ServerCertificate = serverCertificate;
                if (clientCertificateRoots is { Count: > 0 } roots)
                {
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => ChainsTo(certificate, roots);
                }
            });
        });
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2")); // client authentication
        return chain.Build(certificate);
    }
}
