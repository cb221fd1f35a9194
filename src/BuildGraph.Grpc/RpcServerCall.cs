using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BuildGraph.Grpc;

/// <summary>
/// One gRPC call on the server: protocol checks, stream limits, the deadline, framing, and the final
/// status as trailers (or trailers-only when no message was written).
/// </summary>
internal sealed class RpcServerCall
{
    private readonly HttpContext _http;
    private readonly RpcServerOptions _options;

    private RpcServerCall(HttpContext http, RpcServerOptions options, ServerCallContext context)
    {
        _http = http;
        _options = options;
        Context = context;
    }

    public ServerCallContext Context { get; }

    /// <summary>
    /// Tracked here because <c>Response.HasStarted</c> stays false for unflushed writes, and deciding
    /// trailers-only from it loses a unary reply.
    /// </summary>
    public bool MessageWritten { get; private set; }

    public ValueTask<T?> ReadAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T> =>
        MessageFraming.ReadAsync(_http.Request.BodyReader, parser, _options.MaxReceiveMessageSize, Context.CancellationToken);

    /// <summary>The one request message of a unary or server-streaming call.</summary>
    public async Task<T> ReadSingleAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await ReadAsync(parser).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, "No request message");
        if (await ReadAsync(parser).ConfigureAwait(false) is not null)
            throw new RpcException(StatusCode.Internal, "More than one request message for a unary call");
        return message;
    }

    /// <summary>Writes a message; streams flush each one, unary replies leave it to go out with the trailers.</summary>
    public async Task WriteAsync(IMessage message, bool flush)
    {
        MessageFraming.Write(_http.Response.BodyWriter, message, _options.MaxSendMessageSize);
        MessageWritten = true;
        if (flush)
            await _http.Response.BodyWriter.FlushAsync(Context.CancellationToken).ConfigureAwait(false);
    }

    public static async Task HandleAsync(HttpContext http, string method, Func<RpcServerCall, Task> body)
    {
        var services = http.RequestServices;
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("BuildGraph.Grpc") ?? NullLogger.Instance;
        if (!HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            Log.Rejected(logger, method, http.Request.Protocol);
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers.Upgrade = "h2";
            return;
        }
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            Log.Rejected(logger, method, $"content-type {http.Request.ContentType}");
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        http.Response.ContentType = GrpcProtocol.ContentType;
        LiftStreamLimits(http);

        var encoding = http.Request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && encoding != "identity")
        {
            http.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = "identity";
            Finish(http, false, StatusCode.Unimplemented, $"Unsupported grpc-encoding '{encoding}'");
            return;
        }
        var timeoutHeader = http.Request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        TimeSpan? timeout = null;
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var parsed))
            {
                Finish(http, false, StatusCode.Internal, $"Malformed grpc-timeout '{timeoutHeader}'");
                return;
            }
            timeout = parsed;
        }

        using var deadline = new CancellationTokenSource();
        if (timeout is { } t)
            deadline.CancelAfter(t);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadline.Token);
        var context = new ServerCallContext(http, method, linked.Token, timeout is { } d ? DateTime.UtcNow + d : null);
        var call = new RpcServerCall(http, services.GetService<RpcServerOptions>() ?? new RpcServerOptions(), context);
        StatusCode status;
        string detail;
        try
        {
            await body(call).ConfigureAwait(false);
            (status, detail) = (StatusCode.OK, "");
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client reset the stream: nobody is listening any more
        }
        catch (RpcException e)
        {
            (status, detail) = (e.Status, e.Detail);
        }
        catch (Exception) when (deadline.IsCancellationRequested)
        {
            (status, detail) = (StatusCode.DeadlineExceeded, "Deadline exceeded");
        }
        catch (Exception e)
        {
            Log.HandlerFailed(logger, method, e);
            (status, detail) = (StatusCode.Unknown, "Exception was thrown by handler.");
        }
        if (status != StatusCode.OK)
            Log.CallFailed(logger, method, status, detail);
        Finish(http, call.MessageWritten, status, detail);
    }

    /// <summary>Large uploads and long idle streams must not trip Kestrel's body size or data-rate limits.</summary>
    private static void LiftStreamLimits(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = null;
        try
        {
            if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } requestRate)
                requestRate.MinDataRate = null;
            if (http.Features.Get<IHttpMinResponseDataRateFeature>() is { } responseRate)
                responseRate.MinDataRate = null;
        }
        catch (NotSupportedException)
        {
            // HTTP/2 streams only accept null here, and the server-wide limits are off anyway.
        }
    }

    private static void Finish(HttpContext http, bool messageWritten, StatusCode status, string detail)
    {
        var code = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = detail.Length > 0 ? StatusMessage.Encode(detail) : null;
        if (!messageWritten && !http.Response.HasStarted)
        {
            // Trailers-only: Kestrel sends one HEADERS frame with END_STREAM.
            http.Response.Headers[GrpcProtocol.StatusHeader] = code;
            if (message is not null)
                http.Response.Headers[GrpcProtocol.MessageHeader] = message;
            return;
        }
        if (!http.Response.SupportsTrailers())
            return;
        http.Response.AppendTrailer(GrpcProtocol.StatusHeader, code);
        if (message is not null)
            http.Response.AppendTrailer(GrpcProtocol.MessageHeader, message);
    }
}
