using System.Net;

namespace BuildGraph.Server;

/// <summary>What <c>bgx artifact-server</c> was asked for.</summary>
public sealed record ArtifactServerOptions
{
    /// <summary>The port; 0 lets the OS pick one (see <see cref="ArtifactServer.Address"/>).</summary>
    public required int Port { get; init; }

    /// <summary>The storage directory (created when missing).</summary>
    public required string Directory { get; init; }

    /// <summary>Loopback unless told otherwise.</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    public bool EnablePush { get; init; }

    /// <summary>PEM certificate and key: serve TLS (ALPN h2) instead of h2c.</summary>
    public string? TlsCertificateFile { get; init; }
    public string? TlsKeyFile { get; init; }

    /// <summary>PEM CA certificates: clients presenting a certificate from them may push.</summary>
    public string? ClientCaFile { get; init; }

    /// <summary>One bearer token per line: clients sending one of them may push.</summary>
    public string? TokenFile { get; init; }

    /// <summary>Maximum bytes of blobs to keep; least recently used ones are evicted beyond it.</summary>
    public long? QuotaBytes { get; init; }
}
