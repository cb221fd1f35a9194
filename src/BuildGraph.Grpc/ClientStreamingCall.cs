using System.Buffers;
using Google.Protobuf;

namespace BuildGraph.Grpc;

/// <summary>A client-streaming call over a <see cref="PushContent"/> request body.</summary>
internal sealed class ClientStreamingCall<TRequest, TResponse>(ClientCall call, PushContent content,
    Task<HttpResponseMessage> response, MessageParser<TResponse> parser, int maxSend)
    : IClientStreamingCall<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private bool _completed;

    private TResponse? _earlyResponse;

    public async Task<bool> WriteAsync(TRequest message)
    {
        if (_completed)
            throw new InvalidOperationException("The request stream is already complete");
        if (_earlyResponse is not null)
            return false;
        if (await Task.WhenAny(content.Stream, response).ConfigureAwait(false) == response)
            return await EndedEarlyAsync(null).ConfigureAwait(false);
        var stream = await content.Stream.ConfigureAwait(false);
        var size = message.CalculateSize();
        if (size > maxSend)
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {maxSend})");
        var buffer = ArrayPool<byte>.Shared.Rent(size + MessageFraming.HeaderSize);
        try
        {
            buffer[0] = 0;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1), (uint)size);
            message.WriteTo(buffer.AsSpan(MessageFraming.HeaderSize, size));
            // The HTTP/2 request stream buffers until flushed.
            await stream.WriteAsync(buffer.AsMemory(0, size + MessageFraming.HeaderSize), call.Token).ConfigureAwait(false);
            await stream.FlushAsync(call.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not RpcException)
        {
            // The server may have answered while we were writing: report its status.
            return await EndedEarlyAsync(e).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<TResponse> CompleteAsync()
    {
        _completed = true;
        if (_earlyResponse is not null)
            return _earlyResponse;
        content.Complete();
        await response.ConfigureAwait(false);
        return await HttpRpcChannel.ReadSingleResponseAsync(call, parser).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!response.IsCompleted || !_completed)
            call.Cancel();
        content.Complete();
        try
        {
            await response.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Abandoned: its outcome no longer matters.
        }
        call.Dispose();
    }

    /// <summary>The server answered before the request was complete: false with its OK response kept, or its error.</summary>
    private async Task<bool> EndedEarlyAsync(Exception? writeError)
    {
        try
        {
            await response.ConfigureAwait(false);
            _earlyResponse = await HttpRpcChannel.ReadSingleResponseAsync(call, parser).ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (writeError is not null && e is not RpcException and not OperationCanceledException)
        {
            throw call.Map(writeError);
        }
    }
}
