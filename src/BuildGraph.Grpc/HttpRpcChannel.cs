using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;

namespace BuildGraph.Grpc;

/// <summary>
/// <see cref="IRpcChannel"/> over one <see cref="SocketsHttpHandler"/>: HTTP/2 only (h2c with prior
/// knowledge on http://, ALPN h2 on https://), several connections when one has no free stream,
/// keep-alive pings, no proxy, no response buffering, no client-side timeout but the call's deadline.
/// Thread-safe.
/// </summary>
public sealed class HttpRpcChannel : IRpcChannel, IDisposable
{
    private readonly HttpMessageInvoker _invoker;
    private readonly Uri _address;
    private readonly RpcChannelOptions _options;

    public HttpRpcChannel(RpcChannelOptions options)
    {
        _options = options;
        _address = NormalizeAddress(options.Address);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = options.ConnectTimeout,
            // Large blobs stream faster with fewer WINDOW_UPDATE round trips than the 64 KiB default.
            InitialHttp2StreamWindowSize = 8 * 1024 * 1024,
        };
        if (_address.Scheme == Uri.UriSchemeHttps)
            handler.SslOptions = CreateSslOptions(options);
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The address calls go to (http:// or https://).</summary>
    public Uri Address => _address;

    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method, TRequest request,
        CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        options ??= CallOptions.Default;
        using var call = new ClientCall(options, CancellationToken.None, _options.MaxReceiveMessageSize);
        var http = CreateRequest(method.FullName, options);
        http.Content = new ByteArrayContent(MessageFraming.ToArray(request, _options.MaxSendMessageSize));
        http.Content.Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
        await call.SendAsync(_invoker, http).ConfigureAwait(false);
        return await ReadSingleResponseAsync(call, method.ResponseParser).ConfigureAwait(false);
    }

    public IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method,
        TRequest request, CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        StreamAsync(method.FullName, MessageFraming.ToArray(request, _options.MaxSendMessageSize), options ?? CallOptions.Default,
            method.ResponseParser);

    public IClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(RpcMethod<TRequest, TResponse> method,
        CallOptions? options = null)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        options ??= CallOptions.Default;
        var call = new ClientCall(options, CancellationToken.None, _options.MaxReceiveMessageSize);
        var content = new PushContent();
        var http = CreateRequest(method.FullName, options);
        http.Content = content;
        return new ClientStreamingCall<TRequest, TResponse>(call, content, call.SendAsync(_invoker, http),
            method.ResponseParser, _options.MaxSendMessageSize);
    }

    public void Dispose() => _invoker.Dispose();

    private async IAsyncEnumerable<TResponse> StreamAsync<TResponse>(string path, byte[] body, CallOptions options,
        MessageParser<TResponse> parser, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TResponse : class, IMessage<TResponse>
    {
        // Disposing the call (also when the caller leaves the loop early) resets the stream.
        using var call = new ClientCall(options, cancellationToken, _options.MaxReceiveMessageSize);
        var http = CreateRequest(path, options);
        http.Content = new ByteArrayContent(body);
        http.Content.Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
        await call.SendAsync(_invoker, http).ConfigureAwait(false);
        while (await call.ReadAsync(parser).ConfigureAwait(false) is { } message)
            yield return message;
        call.CheckStatus();
    }

    internal static async Task<T> ReadSingleResponseAsync<T>(ClientCall call, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await call.ReadAsync(parser).ConfigureAwait(false);
        if (message is not null && await call.ReadAsync(parser).ConfigureAwait(false) is not null)
            throw new RpcException(StatusCode.Internal, "More than one response message in a unary call");
        call.CheckStatus();
        return message ?? throw new RpcException(StatusCode.Internal, "The server sent no response message");
    }

    private HttpRequestMessage CreateRequest(string path, CallOptions options)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_address, path))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.TryAddWithoutValidation("user-agent", "bgx-grpc/1.0");
        request.Headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, "identity");
        if (options.Timeout is { } timeout)
            request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        if (_options.BearerToken is { } token)
            request.Headers.TryAddWithoutValidation("authorization", "Bearer " + token);
        if (options.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
                request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    private static Uri NormalizeAddress(Uri address)
    {
        var scheme = address.Scheme switch
        {
            "http" or "grpc" => Uri.UriSchemeHttp,
            "https" or "grpcs" => Uri.UriSchemeHttps,
            _ => throw new ArgumentException($"Unsupported address '{address}': use http://, https://, grpc:// or grpcs://"),
        };
        return new UriBuilder(address) { Scheme = scheme, Path = "/" }.Uri;
    }

    private static SslClientAuthenticationOptions CreateSslOptions(RpcChannelOptions options)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (options.ClientCertificate is { } client)
            ssl.ClientCertificates = [client];
        if (options.TrustedRoots is { Count: > 0 } roots)
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, roots);
        return ssl;
    }

    /// <summary>Trusted by the system, or a chain to one of <paramref name="roots"/> with a matching name.</summary>
    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
