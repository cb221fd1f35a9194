using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Building;
using BuildGraph.Engine.Graph;

namespace BuildGraph.Engine.Remotes;

/// <summary>
/// Pushes artifacts in the background while a build goes on, at most <c>scheduler: pushers</c> at once,
/// so builders never wait on the network. <see cref="DrainAsync"/> waits for every push.
/// </summary>
internal sealed class PushQueue(RemoteCaches remotes, ArtifactCache artifacts, Action<BuildMessage> report, int pushers)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, pushers));
    private readonly List<Task> _pushes = [];
    private readonly object _lock = new();

    public void Enqueue(Element element, CancellationToken cancellationToken)
    {
        if (!remotes.HasArtifactRemotes(element.Project, push: true))
            return;
        var push = Task.Run(async () =>
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await remotes.PushArtifactAsync(element, artifacts, report, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }, cancellationToken);
        lock (_lock)
            _pushes.Add(push);
    }

    /// <summary>Waits for every push; throws the first failure (cancellation, or a bug) once all have ended.</summary>
    public async Task DrainAsync()
    {
        Task[] pushes;
        lock (_lock)
            pushes = _pushes.ToArray();
        await Task.WhenAll(pushes).ConfigureAwait(false);
    }

    /// <summary>Waits for every push to end, ignoring how (the caller is already failing).</summary>
    public Task DrainQuietlyAsync() => DrainAsync().ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
}
