using System.Security.Cryptography.X509Certificates;

namespace BuildGraph.Grpc;

/// <summary>Where a channel connects and how. Immutable once the channel is built.</summary>
public sealed record RpcChannelOptions
{
    /// <summary>
    /// <c>http://host:port</c> (h2c with prior knowledge) or <c>https://host:port</c> (TLS, ALPN h2);
    /// <c>grpc://</c> and <c>grpcs://</c> are accepted as synonyms.
    /// </summary>
    public required Uri Address { get; init; }

    /// <summary>Roots that make a server certificate trusted in addition to the system's (a private CA).</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>A client certificate (with private key) for servers that ask for one.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Sent as <c>authorization: Bearer …</c> on every call.</summary>
    public string? BearerToken { get; init; }

    public int MaxReceiveMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;
    public int MaxSendMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>HTTP/2 pings on connections with calls in flight, so idle streams survive middleboxes.</summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
