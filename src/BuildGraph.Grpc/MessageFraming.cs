using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace BuildGraph.Grpc;

/// <summary>
/// gRPC message framing: a compressed flag byte, a 4-byte big-endian length, then the message.
/// Messages are parsed from a buffered pipe, never per frame: one message may span many HTTP/2
/// DATA frames and one frame may hold several messages.
/// </summary>
internal static class MessageFraming
{
    public const int HeaderSize = 5;

    /// <summary>Writes one framed message into <paramref name="writer"/> (no flush).</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED: the message is larger than <paramref name="maxSize"/>.</exception>
    public static void Write(IBufferWriter<byte> writer, IMessage message, int maxSize)
    {
        var size = message.CalculateSize();
        if (size > maxSize)
            throw new RpcException(StatusCode.ResourceExhausted, $"Sending message larger than max ({size} vs. {maxSize})");
        var header = writer.GetSpan(HeaderSize);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)size);
        writer.Advance(HeaderSize);
        message.WriteTo(writer);
    }

    /// <summary>One framed message as a byte array (for request bodies sent in one piece).</summary>
    public static byte[] ToArray(IMessage message, int maxSize)
    {
        var writer = new ArrayBufferWriter<byte>(message.CalculateSize() + HeaderSize);
        Write(writer, message, maxSize);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads the next message, or returns null at a clean end of the stream.
    /// </summary>
    /// <exception cref="RpcException">
    /// INTERNAL: the stream ends inside a message, or a message is compressed (we never accept an
    /// encoding). RESOURCE_EXHAUSTED: a message is larger than <paramref name="maxSize"/>.
    /// </exception>
    public static async ValueTask<T?> ReadAsync<T>(PipeReader reader, MessageParser<T> parser, int maxSize,
        CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryReadMessage(ref buffer, parser, maxSize, out var message))
            {
                reader.AdvanceTo(buffer.Start);
                return message;
            }
            if (result.IsCompleted)
            {
                var remaining = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (remaining == 0)
                    return null;
                throw new RpcException(StatusCode.Internal, "The stream ended inside a message");
            }
            if (result.IsCanceled)
                throw new OperationCanceledException(cancellationToken);
            // Examined everything: the pipe (and Kestrel's flow control) waits for more data.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryReadMessage<T>(ref ReadOnlySequence<byte> buffer, MessageParser<T> parser, int maxSize, out T? message)
        where T : class, IMessage<T>
    {
        message = null;
        if (buffer.Length < HeaderSize)
            return false;
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (header[0] != 0)
            throw new RpcException(StatusCode.Internal, "Received a compressed message, but no grpc-encoding was negotiated");
        if (length > maxSize)
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message larger than max ({length} vs. {maxSize})");
        if (buffer.Length < HeaderSize + length)
            return false;
        var body = buffer.Slice(HeaderSize, length);
        try
        {
            message = parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(StatusCode.Internal, "Could not parse a message: " + e.Message, inner: e);
        }
        buffer = buffer.Slice(body.End);
        return true;
    }
}
