using System.IO.Pipelines;
using BuildGraph.Protos.ByteStream;
using BuildGraph.Grpc;
using Google.Protobuf;

namespace BuildGraph.Grpc.Tests;

public sealed class MessageFramingTests
{
    [Fact]
    public async Task Read_MessagesSplitAcrossWrites_ParsesEach()
    {
        var first = MessageFraming.ToArray(new ReadResponse { Data = ByteString.CopyFromUtf8("one") }, 1000);
        var second = MessageFraming.ToArray(new ReadResponse { Data = ByteString.CopyFromUtf8("two") }, 1000);
        var all = first.Concat(second).ToArray();
        var pipe = new Pipe();
        // Byte by byte: a message never arrives in one piece, and one write holds parts of two.
        var writer = Task.Run(async () =>
        {
            foreach (var b in all)
            {
                await pipe.Writer.WriteAsync(new[] { b });
            }
            await pipe.Writer.CompleteAsync();
        });
        var a = await MessageFraming.ReadAsync(pipe.Reader, ReadResponse.Parser, 1000, default);
        var b2 = await MessageFraming.ReadAsync(pipe.Reader, ReadResponse.Parser, 1000, default);
        var end = await MessageFraming.ReadAsync(pipe.Reader, ReadResponse.Parser, 1000, default);
        await writer;
        Assert.Equal("one", a!.Data.ToStringUtf8());
        Assert.Equal("two", b2!.Data.ToStringUtf8());
        Assert.Null(end);
    }

    [Fact]
    public async Task Read_EmptyMessage_IsParsed()
    {
        var reader = PipeReader.Create(new MemoryStream(MessageFraming.ToArray(new ReadResponse(), 10)));
        Assert.NotNull(await MessageFraming.ReadAsync(reader, ReadResponse.Parser, 10, default));
        Assert.Null(await MessageFraming.ReadAsync(reader, ReadResponse.Parser, 10, default));
    }

    [Fact]
    public async Task Read_TruncatedMessage_IsInternal()
    {
        var bytes = MessageFraming.ToArray(new ReadResponse { Data = ByteString.CopyFromUtf8("truncated") }, 1000);
        var reader = PipeReader.Create(new MemoryStream(bytes[..^2]));
        var e = await Assert.ThrowsAsync<RpcException>(() => MessageFraming.ReadAsync(reader, ReadResponse.Parser, 1000, default).AsTask());
        Assert.Equal(StatusCode.Internal, e.Status);
    }

    [Fact]
    public async Task Read_CompressedFlag_IsInternal()
    {
        var bytes = MessageFraming.ToArray(new ReadResponse { Data = ByteString.CopyFromUtf8("x") }, 1000);
        bytes[0] = 1;
        var reader = PipeReader.Create(new MemoryStream(bytes));
        var e = await Assert.ThrowsAsync<RpcException>(() => MessageFraming.ReadAsync(reader, ReadResponse.Parser, 1000, default).AsTask());
        Assert.Equal(StatusCode.Internal, e.Status);
    }

    [Fact]
    public async Task Read_OverLimit_IsResourceExhaustedBeforeTheBodyArrives()
    {
        byte[] header = [0, 0, 0x10, 0, 0]; // 1 MiB announced, nothing sent
        var reader = PipeReader.Create(new MemoryStream(header));
        var e = await Assert.ThrowsAsync<RpcException>(() => MessageFraming.ReadAsync(reader, ReadResponse.Parser, 1000, default).AsTask());
        Assert.Equal(StatusCode.ResourceExhausted, e.Status);
    }

    [Fact]
    public void Write_OverLimit_IsResourceExhausted()
    {
        var e = Assert.Throws<RpcException>(() => MessageFraming.ToArray(new ReadResponse { Data = ByteString.CopyFrom(new byte[100]) }, 50));
        Assert.Equal(StatusCode.ResourceExhausted, e.Status);
    }

    [Fact]
    public void Write_Header_IsFlagAndBigEndianLength()
    {
        var bytes = MessageFraming.ToArray(new ReadResponse { Data = ByteString.CopyFrom(new byte[300]) }, 1000);
        Assert.Equal(new byte[] { 0, 0, 0, 1, 47 }, bytes[..5]); // 303 = tag + 2-byte varint length + 300
        Assert.Equal(308, bytes.Length);
    }
}
