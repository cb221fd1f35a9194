using BuildGraph.Protos.ByteStream;
using BuildGraph.Grpc;
using Google.Protobuf;

namespace BuildGraph.Grpc.Tests;

[Trait("Category", "Integration")]
public sealed class TransportLoopbackTests : IAsyncLifetime
{
    private readonly EchoService _service = new();
    private LoopbackServer _server = null!;
    private HttpRpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(_service.Map);
        _channel = _server.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Unary_Echo_ReturnsResponse()
    {
        var response = await _channel.UnaryAsync(EchoService.Unary, EchoService.Command("echo:hello"));
        Assert.Equal("hello", EchoService.Text(response));
    }

    [Fact]
    public async Task Unary_Metadata_ReachesHandler()
    {
        var headers = new Metadata { { "x-bgx-test", "yes" } };
        headers.AddBinary("x-blob-bin", [1, 2, 255]);
        await _channel.UnaryAsync(EchoService.Unary, EchoService.Command("echo:"), new CallOptions { Headers = headers });
        Assert.Equal("yes", _service.LastHeaders!.Get("x-bgx-test"));
        Assert.Equal(new byte[] { 1, 2, 255 }, _service.LastHeaders.GetBinary("x-blob-bin"));
    }

    [Fact]
    public async Task Unary_HandlerError_IsTrailersOnlyStatusWithUtf8Message()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(EchoService.Unary, EchoService.Command("fail:5:précondition ✗ 100% failed")));
        Assert.Equal(StatusCode.NotFound, e.Status);
        Assert.Equal("précondition ✗ 100% failed", e.Detail);
    }

    [Fact]
    public async Task Unary_UnexpectedException_IsUnknownWithoutDetails()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoService.Unary, EchoService.Command("throw")));
        Assert.Equal(StatusCode.Unknown, e.Status);
        Assert.DoesNotContain("secret", e.Detail);
    }

    [Fact]
    public async Task Unary_UnknownMethod_IsUnimplemented()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoService.Missing, EchoService.Command("x")));
        Assert.Equal(StatusCode.Unimplemented, e.Status);
    }

    [Fact]
    public async Task Unary_ResponseOverReceiveLimit_IsResourceExhausted()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(EchoService.Unary, EchoService.Command("big:" + (5 * 1024 * 1024))));
        Assert.Equal(StatusCode.ResourceExhausted, e.Status);
    }

    [Fact]
    public async Task Unary_RequestOverServerLimit_IsResourceExhausted()
    {
        using var channel = _server.CreateChannel(o => o with { MaxSendMessageSize = 16 * 1024 * 1024 });
        var request = new ReadRequest { ResourceName = new string('x', 5 * 1024 * 1024) };
        var e = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoService.Unary, request));
        Assert.Equal(StatusCode.ResourceExhausted, e.Status);
    }

    [Fact]
    public async Task Unary_RequestOverClientLimit_IsResourceExhaustedBeforeSending()
    {
        var request = new ReadRequest { ResourceName = new string('x', 5 * 1024 * 1024) };
        var e = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoService.Unary, request));
        Assert.Equal(StatusCode.ResourceExhausted, e.Status);
    }

    [Fact]
    public async Task Unary_Deadline_IsDeadlineExceededAndServerStops()
    {
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoService.Unary,
            EchoService.Command("sleep:30000"), new CallOptions { Timeout = TimeSpan.FromMilliseconds(300) }));
        Assert.Equal(StatusCode.DeadlineExceeded, e.Status);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        await _service.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Unary_CallerCancels_ThrowsOperationCanceledAndServerStops()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _channel.UnaryAsync(EchoService.Unary,
            EchoService.Command("sleep:30000"), new CallOptions { CancellationToken = cts.Token }));
        await _service.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ServerStreaming_ManyMessages_ArriveInOrder()
    {
        var count = 0;
        await foreach (var message in _channel.ServerStreamingAsync(EchoService.Stream, new ReadRequest { ReadLimit = 50, ReadOffset = 100_000 }))
        {
            Assert.Equal(100_000, message.Data.Length);
            count++;
        }
        Assert.Equal(50, count);
    }

    [Fact]
    public async Task ServerStreaming_StatusAfterData_ThrowsAfterMessages()
    {
        var received = 0;
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in _channel.ServerStreamingAsync(EchoService.Stream,
                               new ReadRequest { ResourceName = "fail-after", ReadLimit = 3, ReadOffset = 10 }))
                received++;
        });
        Assert.Equal(3, received);
        Assert.Equal(StatusCode.DataLoss, e.Status);
        Assert.Equal("after the data", e.Detail);
    }

    [Fact]
    public async Task ServerStreaming_LeavingEarly_CancelsServer()
    {
        await foreach (var _ in _channel.ServerStreamingAsync(EchoService.Stream, new ReadRequest { ResourceName = "wait", ReadLimit = 1 }))
            break;
        await _service.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ServerStreaming_MoreThan100Concurrent_AllStart()
    {
        // Kestrel's default is 100 streams per connection; the first message of each proves it started.
        const int calls = 150;
        var enumerators = Enumerable.Range(0, calls)
            .Select(_ => _channel.ServerStreamingAsync(EchoService.Stream, new ReadRequest { ResourceName = "wait", ReadLimit = 1 })
                .GetAsyncEnumerator())
            .ToList();
        try
        {
            var firsts = await Task.WhenAll(enumerators.Select(e => e.MoveNextAsync().AsTask()))
                .WaitAsync(TimeSpan.FromSeconds(60));
            Assert.All(firsts, Assert.True);
        }
        finally
        {
            foreach (var enumerator in enumerators)
                await enumerator.DisposeAsync();
        }
    }

    [Fact]
    public async Task ClientStreaming_LargeUpload_HasNoBodyLimit()
    {
        await using var call = _channel.ClientStreaming(EchoService.Collect);
        var chunk = ByteString.CopyFrom(new byte[1024 * 1024]);
        for (var i = 0; i < 48; i++)
            await call.WriteAsync(new WriteRequest { Data = chunk });
        var response = await call.CompleteAsync();
        Assert.Equal(48L * 1024 * 1024, response.CommittedSize);
    }

    [Fact]
    public async Task ClientStreaming_NoMessages_StillAnswers()
    {
        await using var call = _channel.ClientStreaming(EchoService.Collect);
        Assert.Equal(0, (await call.CompleteAsync()).CommittedSize);
    }

    [Fact]
    public async Task ClientStreaming_ServerFailsEarly_ReportsServerStatus()
    {
        await using var call = _channel.ClientStreaming(EchoService.Collect);
        await call.WriteAsync(new WriteRequest { ResourceName = "fail" });
        var chunk = ByteString.CopyFrom(new byte[1024 * 1024]);
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            for (var i = 0; i < 64; i++)
                await call.WriteAsync(new WriteRequest { Data = chunk });
            await call.CompleteAsync();
        });
        Assert.Equal(StatusCode.InvalidArgument, e.Status);
    }

    [Fact]
    public async Task ClientStreaming_ServerAnswersOkEarly_WriteReturnsFalseAndCompleteGivesResponse()
    {
        await using var call = _channel.ClientStreaming(EchoService.Collect);
        Assert.True(await call.WriteAsync(new WriteRequest { ResourceName = "done" }));
        var chunk = ByteString.CopyFrom(new byte[1024 * 1024]);
        var writes = 0;
        while (writes < 200 && await call.WriteAsync(new WriteRequest { Data = chunk }))
            writes++;
        Assert.True(writes < 200);
        Assert.Equal(-1, (await call.CompleteAsync()).CommittedSize);
    }

    [Fact]
    public async Task Unary_NobodyListening_IsUnavailable()
    {
        var port = _server.Address.Port;
        await _server.DisposeAsync();
        _server = await LoopbackServer.StartAsync(_service.Map); // for DisposeAsync
        using var channel = new HttpRpcChannel(new RpcChannelOptions { Address = new Uri($"http://127.0.0.1:{port}") });
        var e = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoService.Unary, EchoService.Command("echo:x")));
        Assert.Equal(StatusCode.Unavailable, e.Status);
    }
}
