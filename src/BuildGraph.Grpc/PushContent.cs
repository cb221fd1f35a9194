using System.Net;

namespace BuildGraph.Grpc;

/// <summary>
/// A request body the caller writes into while the request is in flight (client streaming): the
/// handler hands over its request stream and waits until <see cref="Complete"/>, which ends the
/// stream (END_STREAM).
/// </summary>
internal sealed class PushContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushContent() => Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);

    /// <summary>The request stream, once the handler started sending the body.</summary>
    public Task<Stream> Stream => _stream.Task;

    public void Complete() => _done.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await _done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
