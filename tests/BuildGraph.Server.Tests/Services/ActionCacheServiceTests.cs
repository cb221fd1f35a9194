using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;
using BuildGraph.Protos.Reapi;
using BuildGraph.Remote;
using BuildGraph.Testing;
using Google.Protobuf;

namespace BuildGraph.Server.Tests.Services;

[Trait("Category", "Integration")]
public sealed class ActionCacheServiceTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetActionResult_Miss_IsNotFound()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(ActionCacheMethods.GetActionResult,
            new GetActionResultRequest { ActionDigest = TestServer.Blob("action").Digest.ToProto() }));
        Assert.Equal(StatusCode.NotFound, e.Status);
    }

    [Fact]
    public async Task UpdateThenGet_PerInstance_RoundTrips()
    {
        var output = TestServer.Blob("output");
        await _server.UploadAsync(output.Bytes);
        var action = TestServer.Blob("action").Digest.ToProto();
        var result = new ActionResult { ExitCode = 3, OutputFiles = { new OutputFile { Path = "out", Digest = output.Digest.ToProto() } } };
        await _server.Channel.UnaryAsync(ActionCacheMethods.UpdateActionResult,
            new UpdateActionResultRequest { InstanceName = "a/b", ActionDigest = action, ActionResult = result });

        var got = await _server.Channel.UnaryAsync(ActionCacheMethods.GetActionResult,
            new GetActionResultRequest { InstanceName = "a/b", ActionDigest = action });
        Assert.Equal(result, got);
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(ActionCacheMethods.GetActionResult,
            new GetActionResultRequest { InstanceName = "a", ActionDigest = action }));
        Assert.Equal(StatusCode.NotFound, e.Status);
    }

    [Fact]
    public async Task UpdateActionResult_OutputNotUploaded_IsFailedPrecondition()
    {
        var result = new ActionResult { OutputFiles = { new OutputFile { Path = "out", Digest = TestServer.Blob("absent").Digest.ToProto() } } };
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(ActionCacheMethods.UpdateActionResult,
            new UpdateActionResultRequest { ActionDigest = TestServer.Blob("action2").Digest.ToProto(), ActionResult = result }));
        Assert.Equal(StatusCode.FailedPrecondition, e.Status);
    }

    [Fact]
    public async Task UpdateActionResult_OutputTreeFilesMissing_IsFailedPrecondition()
    {
        var tree = new Tree { Root = new Protos.Reapi.Directory { Files = { new FileNode { Name = "x", Digest = TestServer.Blob("absent file").Digest.ToProto() } } } };
        var treeBytes = tree.ToByteArray();
        await _server.UploadAsync(treeBytes);
        var result = new ActionResult { OutputDirectories = { new OutputDirectory { Path = "d", TreeDigest = TestServer.Blob(treeBytes).Digest.ToProto() } } };
        var e = await Assert.ThrowsAsync<RpcException>(() => _server.Channel.UnaryAsync(ActionCacheMethods.UpdateActionResult,
            new UpdateActionResultRequest { ActionDigest = TestServer.Blob("action3").Digest.ToProto(), ActionResult = result }));
        Assert.Equal(StatusCode.FailedPrecondition, e.Status);
    }

    [Fact]
    public async Task ActionResult_SurvivesRestart()
    {
        using var directory = new TempDirectory();
        var action = TestServer.Blob("persistent").Digest.ToProto();
        await using (var first = await TestServer.StartAsync(directory: directory.Path))
        {
            await first.Channel.UnaryAsync(ActionCacheMethods.UpdateActionResult,
                new UpdateActionResultRequest { ActionDigest = action, ActionResult = new ActionResult { ExitCode = 7 } });
        }
        await using var second = await TestServer.StartAsync(directory: directory.Path);
        var got = await second.Channel.UnaryAsync(ActionCacheMethods.GetActionResult, new GetActionResultRequest { ActionDigest = action });
        Assert.Equal(7, got.ExitCode);
    }
}
