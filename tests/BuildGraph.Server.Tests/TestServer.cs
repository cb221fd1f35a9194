using BuildGraph.Abstractions;
using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;
using BuildGraph.Protos.ByteStream;
using BuildGraph.Protos.Reapi;
using BuildGraph.Remote;
using BuildGraph.Testing;
using Digest = BuildGraph.Abstractions.Digest;
using Google.Protobuf;

namespace BuildGraph.Server.Tests;

/// <summary>An artifact server on 127.0.0.1 with a port of the OS's choosing, its directory, and a client channel.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly TempDirectory? _ownedDirectory;

    private TestServer(ArtifactServer server, TempDirectory? ownedDirectory, HttpRpcChannel channel)
    {
        Server = server;
        _ownedDirectory = ownedDirectory;
        Channel = channel;
    }

    public ArtifactServer Server { get; }
    public HttpRpcChannel Channel { get; }
    public Uri Address => Server.Address;

    public static async Task<TestServer> StartAsync(Func<ArtifactServerOptions, ArtifactServerOptions>? configure = null,
        Func<RpcChannelOptions, RpcChannelOptions>? channel = null, string? directory = null)
    {
        var owned = directory is null ? new TempDirectory() : null;
        var options = new ArtifactServerOptions { Port = 0, Directory = directory ?? owned!.Path, EnablePush = true };
        var server = await ArtifactServer.StartAsync(configure?.Invoke(options) ?? options);
        var address = server.Address.Scheme == "https" ? new Uri($"https://localhost:{server.Address.Port}") : server.Address;
        var channelOptions = new RpcChannelOptions { Address = address };
        return new TestServer(server, owned, new HttpRpcChannel(channel?.Invoke(channelOptions) ?? channelOptions));
    }

    public HttpRpcChannel CreateChannel(Func<RpcChannelOptions, RpcChannelOptions> configure) =>
        new(configure(new RpcChannelOptions { Address = Channel.Address }));

    public static (Digest Digest, byte[] Bytes) Blob(string text) => Blob(System.Text.Encoding.UTF8.GetBytes(text));

    public static (Digest Digest, byte[] Bytes) Blob(byte[] bytes) => (Digest.Of(bytes), bytes);

    public static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Uploads through BatchUpdateBlobs and checks every blob was accepted.</summary>
    public async Task UploadAsync(params byte[][] blobs)
    {
        var request = new BatchUpdateBlobsRequest();
        foreach (var bytes in blobs)
            request.Requests.Add(new BatchUpdateBlobsRequest.Types.Request { Digest = Digest.Of(bytes).ToProto(), Data = ByteString.CopyFrom(bytes) });
        var response = await Channel.UnaryAsync(CasMethods.BatchUpdateBlobs, request);
        Assert.All(response.Responses, r => Assert.Equal(0, r.Status.Code));
    }

    /// <summary>ByteStream.Write in chunks; returns the committed size.</summary>
    public async Task<long> WriteAsync(string resourceName, byte[] bytes, int chunk = 64 * 1024, long offset = 0, bool finish = true,
        IRpcChannel? channel = null)
    {
        await using var call = (channel ?? Channel).ClientStreaming(ByteStreamMethods.Write);
        var position = offset;
        do
        {
            var length = (int)Math.Min(chunk, bytes.Length - position);
            var last = position + length == bytes.Length;
            var request = new WriteRequest
            {
                ResourceName = position == offset ? resourceName : "",
                WriteOffset = position,
                Data = ByteString.CopyFrom(bytes, (int)position, length),
                FinishWrite = last && finish,
            };
            if (!await call.WriteAsync(request))
                break;
            position += length;
        }
        while (position < bytes.Length);
        return (await call.CompleteAsync()).CommittedSize;
    }

    public async Task<byte[]> ReadAsync(string resourceName, long offset = 0, long limit = 0)
    {
        using var buffer = new MemoryStream();
        await foreach (var response in Channel.ServerStreamingAsync(ByteStreamMethods.Read,
                           new ReadRequest { ResourceName = resourceName, ReadOffset = offset, ReadLimit = limit }))
            buffer.Write(response.Data.Span);
        return buffer.ToArray();
    }

    public static string UploadName(Digest digest, string instance = "") =>
        (instance.Length > 0 ? instance + "/" : "") + $"uploads/{Guid.NewGuid()}/blobs/{digest.Hash}/{digest.SizeBytes}";

    public static string BlobName(Digest digest, string instance = "") =>
        (instance.Length > 0 ? instance + "/" : "") + $"blobs/{digest.Hash}/{digest.SizeBytes}";

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
