using System.Text;
using BuildGraph.Protos.ByteStream;
using BuildGraph.Grpc;
using Google.Protobuf;
using Microsoft.AspNetCore.Routing;

namespace BuildGraph.Grpc.Tests;

/// <summary>
/// A test service over ByteStream's messages. The request's resource_name is a command:
/// <c>echo:TEXT</c>, <c>fail:CODE:MESSAGE</c>, <c>sleep:MS</c>, <c>throw</c>, <c>big:BYTES</c>, <c>wait</c>,
/// <c>fail-after</c>, <c>whoami</c>.
/// </summary>
public sealed class EchoService
{
    public static readonly RpcMethod<ReadRequest, ReadResponse> Unary =
        new(MethodType.Unary, "test.Echo", "Unary", ReadRequest.Parser, ReadResponse.Parser);
    public static readonly RpcMethod<ReadRequest, ReadResponse> Stream =
        new(MethodType.ServerStreaming, "test.Echo", "Stream", ReadRequest.Parser, ReadResponse.Parser);
    public static readonly RpcMethod<WriteRequest, WriteResponse> Collect =
        new(MethodType.ClientStreaming, "test.Echo", "Collect", WriteRequest.Parser, WriteResponse.Parser);
    public static readonly RpcMethod<ReadRequest, ReadResponse> Missing =
        new(MethodType.Unary, "test.Echo", "Missing", ReadRequest.Parser, ReadResponse.Parser);

    /// <summary>Completes when a handler saw its call cancelled.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The metadata of the last unary call.</summary>
    public Metadata? LastHeaders { get; private set; }

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapUnary(Unary, UnaryAsync);
        endpoints.MapServerStreaming(Stream, StreamAsync);
        endpoints.MapClientStreaming(Collect, CollectAsync);
    }

    private async Task<ReadResponse> UnaryAsync(ReadRequest request, ServerCallContext context)
    {
        LastHeaders = context.RequestHeaders;
        var command = request.ResourceName;
        var argument = command.Contains(':') ? command[(command.IndexOf(':') + 1)..] : "";
        switch (command.Split(':')[0])
        {
            case "fail":
                var code = (StatusCode)int.Parse(argument.Split(':')[0]);
                throw new RpcException(code, argument[(argument.IndexOf(':') + 1)..]);
            case "sleep":
                try
                {
                    await Task.Delay(int.Parse(argument), context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Cancelled.TrySetResult();
                    throw;
                }
                break;
            case "whoami":
                return new ReadResponse { Data = ByteString.CopyFromUtf8(context.ClientCertificate?.Subject ?? "") };
            case "throw":
                throw new InvalidOperationException("secret internals");
            case "big":
                return new ReadResponse { Data = ByteString.CopyFrom(new byte[int.Parse(argument)]) };
        }
        return new ReadResponse { Data = ByteString.CopyFromUtf8(argument) };
    }

    private async Task StreamAsync(ReadRequest request, IServerStreamWriter<ReadResponse> writer, ServerCallContext context)
    {
        for (var i = 0; i < request.ReadLimit; i++)
            await writer.WriteAsync(new ReadResponse { Data = ByteString.CopyFrom(new byte[request.ReadOffset]) });
        if (request.ResourceName == "fail-after")
            throw new RpcException(StatusCode.DataLoss, "after the data");
        if (request.ResourceName == "wait")
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }
    }

    private static async Task<WriteResponse> CollectAsync(IAsyncEnumerable<WriteRequest> requests, ServerCallContext context)
    {
        long total = 0;
        await foreach (var request in requests)
        {
            if (request.ResourceName == "done")
                return new WriteResponse { CommittedSize = -1 };
            if (request.ResourceName == "fail")
                throw new RpcException(StatusCode.InvalidArgument, "refused at " + total);
            total += request.Data.Length;
        }
        return new WriteResponse { CommittedSize = total };
    }

    public static ReadRequest Command(string text) => new() { ResourceName = text };

    public static string Text(ReadResponse response) => Encoding.UTF8.GetString(response.Data.Span);
}
