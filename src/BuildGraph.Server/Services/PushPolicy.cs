using System.Security.Cryptography;
using System.Text;
using BuildGraph.Grpc;

namespace BuildGraph.Server.Services;

/// <summary>
/// Who may write. Reads are open; writes need <c>--enable-push</c> (else PERMISSION_DENIED) and, when
/// tokens or a client CA are configured, a valid bearer token or a client certificate that the TLS
/// handshake already checked against the CA (else UNAUTHENTICATED). Thread-safe.
/// </summary>
public sealed class PushPolicy(bool enablePush, IReadOnlyList<string> tokens, bool clientCertificates)
{
    private readonly byte[][] _tokens = tokens.Select(Encoding.UTF8.GetBytes).ToArray();

    public bool PushEnabled => enablePush;

    /// <exception cref="RpcException">PERMISSION_DENIED or UNAUTHENTICATED.</exception>
    public void CheckPush(ServerCallContext context)
    {
        if (!enablePush)
            throw new RpcException(StatusCode.PermissionDenied, "This server does not accept pushes (start it with --enable-push)");
        if (_tokens.Length == 0 && !clientCertificates)
            return;
        if (clientCertificates && context.ClientCertificate is not null)
            return;
        var authorization = context.RequestHeaders.Get("authorization");
        if (authorization is null)
            throw new RpcException(StatusCode.Unauthenticated, "Pushing needs a bearer token or a client certificate");
        const string Bearer = "Bearer ";
        if (!authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || !IsKnown(authorization[Bearer.Length..].Trim()))
            throw new RpcException(StatusCode.Unauthenticated, "Invalid bearer token");
    }

    private bool IsKnown(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        var known = false;
        foreach (var candidate in _tokens)
            known |= CryptographicOperations.FixedTimeEquals(candidate, bytes);
        return known;
    }

    /// <summary>Reads a token file: one token per line; blank lines and lines starting with # are skipped.</summary>
    public static IReadOnlyList<string> ReadTokenFile(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
}
