using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace BuildGraph.Grpc;

/// <summary>What a server handler knows about its call. Valid only while the handler runs.</summary>
public sealed class ServerCallContext
{
    private readonly HttpContext _http;
    private Metadata? _headers;

    internal ServerCallContext(HttpContext http, string method, CancellationToken cancellationToken, DateTime? deadline)
    {
        _http = http;
        Method = method;
        CancellationToken = cancellationToken;
        Deadline = deadline;
    }

    /// <summary>The route, <c>/package.Service/Method</c>.</summary>
    public string Method { get; }

    /// <summary>Fires when the client resets the stream or the deadline passes: stop work.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>When the client's <c>grpc-timeout</c> runs out (UTC), or null.</summary>
    public DateTime? Deadline { get; }

    /// <summary>The client's metadata (protocol headers left out; -bin values still base64).</summary>
    public Metadata RequestHeaders => _headers ??= ReadHeaders(_http.Request.Headers);

    /// <summary><c>ip:port</c> of the client.</summary>
    public string Peer => $"{_http.Connection.RemoteIpAddress}:{_http.Connection.RemotePort}";

    /// <summary>The TLS client certificate, already validated by the endpoint's policy; null without one.</summary>
    public X509Certificate2? ClientCertificate => _http.Connection.ClientCertificate;

    private static Metadata ReadHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            if (GrpcProtocol.IsReserved(name))
                continue;
            foreach (var value in values)
                metadata.AddRaw(name, value ?? "");
        }
        return metadata;
    }
}
