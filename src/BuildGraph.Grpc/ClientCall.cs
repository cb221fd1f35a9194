using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace BuildGraph.Grpc;

/// <summary>
/// One client call's scope: a token linking the caller's cancellation with the deadline timer, the
/// response, and the mapping of everything that can go wrong onto a gRPC status.
/// </summary>
internal sealed class ClientCall : IDisposable
{
    private readonly CancellationTokenSource _callerCts;
    private readonly CancellationTokenSource _deadlineCts = new();
    private readonly CancellationTokenSource _linked;
    private readonly int _maxReceive;
    private HttpResponseMessage? _response;
    private PipeReader? _reader;

    /// <param name="extraToken">A second caller token (an enumeration's), linked with the options' one.</param>
    public ClientCall(CallOptions options, CancellationToken extraToken, int maxReceive)
    {
        _callerCts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, extraToken);
        if (options.Timeout is { } timeout)
            _deadlineCts.CancelAfter(timeout);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_callerCts.Token, _deadlineCts.Token);
        _maxReceive = maxReceive;
    }

    /// <summary>Fires on caller cancellation or at the deadline.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Resets the stream (used when a call is abandoned).</summary>
    public void Cancel() => _linked.Cancel();

    /// <summary>Sends the request and checks the response headers (trailers-only errors throw here).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMessageInvoker invoker, HttpRequestMessage request)
    {
        try
        {
            _response = await invoker.SendAsync(request, Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw Map(e);
        }
        if (_response.StatusCode != HttpStatusCode.OK)
        {
            throw new RpcException(GrpcProtocol.FromHttpStatus(_response.StatusCode),
                $"Bad gRPC response: HTTP status {(int)_response.StatusCode}");
        }
        if (!GrpcProtocol.IsGrpcContentType(_response.Content.Headers.ContentType?.ToString()))
        {
            throw new RpcException(StatusCode.Unknown,
                $"Bad gRPC response: content type '{_response.Content.Headers.ContentType}'");
        }
        // Trailers-only: the status came in the headers and there is no body.
        if (GrpcProtocol.ParseStatus(First(_response.Headers, GrpcProtocol.StatusHeader)) is { } status)
        {
            TrailersOnlyStatus = status;
            if (status != StatusCode.OK)
                throw ToException(status, _response.Headers);
        }
        return _response;
    }

    /// <summary>The status of a trailers-only response (an OK one: no messages follow).</summary>
    public StatusCode? TrailersOnlyStatus { get; private set; }

    /// <summary>The next response message, or null at the end of the body.</summary>
    public async Task<T?> ReadAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        if (TrailersOnlyStatus is not null)
            return null;
        try
        {
            if (_reader is null)
            {
                var stream = await _response!.Content.ReadAsStreamAsync(Token).ConfigureAwait(false);
                _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
            }
            return await MessageFraming.ReadAsync(_reader, parser, _maxReceive, Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw Map(e);
        }
    }

    /// <summary>After the body ended: throws unless the trailers say OK.</summary>
    public void CheckStatus()
    {
        if (TrailersOnlyStatus is not null)
            return;
        var trailers = _response!.TrailingHeaders;
        var status = GrpcProtocol.ParseStatus(First(trailers, GrpcProtocol.StatusHeader))
            ?? throw new RpcException(StatusCode.Internal, "The server ended the call without a grpc-status");
        if (status != StatusCode.OK)
            throw ToException(status, trailers);
    }

    /// <summary>Maps a failure to what the caller sees: cancellation, a deadline, or a transport status.</summary>
    public Exception Map(Exception e)
    {
        if (e is RpcException)
            return e;
        if (_callerCts.IsCancellationRequested)
            return new OperationCanceledException("The call was cancelled", e, _callerCts.Token);
        if (_deadlineCts.IsCancellationRequested)
            return new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded", inner: e);
        if (e is HttpProtocolException protocol)
        {
            var status = protocol.ErrorCode switch
            {
                0x8 => StatusCode.Cancelled, // CANCEL
                0x7 => StatusCode.Unavailable, // REFUSED_STREAM
                0xb => StatusCode.ResourceExhausted, // ENHANCE_YOUR_CALM
                0xc => StatusCode.PermissionDenied, // INADEQUATE_SECURITY
                _ => StatusCode.Internal,
            };
            return new RpcException(status, "HTTP/2 stream error: " + protocol.Message, inner: e);
        }
        if (e is HttpRequestException or IOException or OperationCanceledException or ObjectDisposedException)
            return new RpcException(StatusCode.Unavailable, Describe(e), inner: e);
        return e;
    }

    public void Dispose()
    {
        _response?.Dispose();
        _linked.Dispose();
        _deadlineCts.Dispose();
        _callerCts.Dispose();
    }

    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var inner = e; inner is not null; inner = inner.InnerException)
            messages.Add(inner.Message);
        return string.Join(" ", messages.Distinct());
    }

    private static RpcException ToException(StatusCode status, HttpHeaders headers)
    {
        var trailers = new Metadata();
        foreach (var (name, values) in headers)
        {
            if (!GrpcProtocol.IsReserved(name))
            {
                foreach (var value in values)
                    trailers.AddRaw(name, value);
            }
        }
        if (First(headers, "grpc-status-details-bin") is { } details)
            trailers.AddRaw("grpc-status-details-bin", details);
        return new RpcException(status, StatusMessage.Decode(First(headers, GrpcProtocol.MessageHeader)), trailers);
    }

    private static string? First(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
