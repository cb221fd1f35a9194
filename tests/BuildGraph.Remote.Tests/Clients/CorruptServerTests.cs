using BuildGraph.Abstractions;
using BuildGraph.Protos.ByteStream;
using BuildGraph.Protos.Reapi;
using BuildGraph.Grpc;
using BuildGraph.Grpc.Services;
using BuildGraph.Grpc.Tests;
using BuildGraph.Yaml;
using Google.Protobuf;
using Digest = BuildGraph.Abstractions.Digest;

namespace BuildGraph.Remote.Tests.Clients;

/// <summary>A server that answers every read with the wrong bytes: nothing it sends may be stored.</summary>
[Trait("Category", "Integration")]
public sealed class CorruptServerTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(5 * 1024 * 1024)]
    public async Task Download_CorruptContent_IsDigestMismatchAndNotStored(int size)
    {
        await using var server = await LoopbackServer.StartAsync(endpoints =>
        {
            endpoints.MapUnary(CapabilitiesMethods.GetCapabilities, (_, _) => Task.FromResult(new ServerCapabilities
            {
                CacheCapabilities = new CacheCapabilities { MaxBatchTotalSizeBytes = 1024 * 1024 },
            }));
            endpoints.MapUnary(CasMethods.BatchReadBlobs, (request, _) => Task.FromResult(new BatchReadBlobsResponse
            {
                Responses =
                {
                    request.Digests.Select(d => new BatchReadBlobsResponse.Types.Response
                    {
                        Digest = d, Status = RpcStatuses.Ok, Data = ByteString.CopyFrom(new byte[d.SizeBytes]),
                    }),
                },
            }));
            endpoints.MapServerStreaming(ByteStreamMethods.Read, async (request, writer, _) =>
            {
                var blob = long.Parse(request.ResourceName.Split('/')[^1]);
                for (long sent = 0; sent < blob; sent += 1024 * 1024)
                    await writer.WriteAsync(new ReadResponse { Data = ByteString.CopyFrom(new byte[Math.Min(1024 * 1024, blob - sent)]) });
            });
        });
        using var channel = server.CreateChannel();
        var target = new Cas.LocalCas(Path.Combine(Path.GetTempPath(), "bgx-remote-tests", Guid.NewGuid().ToString("N")));
        var digest = Digest.Of(ClientTestContext.RandomBytes(size, 3));

        var e = await Assert.ThrowsAsync<RemoteException>(() => new CasClient(channel).DownloadAsync(target, [digest], CancellationToken.None));
        Assert.Equal(ErrorReason.DigestMismatch, e.Reason);
        Assert.False(target.Contains(digest));
    }
}
