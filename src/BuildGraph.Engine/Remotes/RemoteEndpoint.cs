using BuildGraph.Engine.Building;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Remotes;

/// <summary>
/// One remote cache within a session: probed once, on first use, and switched off (with a single
/// warning) when it is unreachable; pushing to it stops after it refuses a push. Thread-safe.
/// </summary>
internal sealed class RemoteEndpoint(IRemoteCache cache)
{
    private Task<(bool Index, bool Storage)?>? _probing;
    private readonly object _lock = new();
    private int _down;
    private int _pushRefused;

    public IRemoteCache Cache => cache;

    public RemoteSpec Spec => cache.Spec;

    /// <summary>True once the remote was found unreachable: it is not asked again in this session.</summary>
    public bool IsDown => Volatile.Read(ref _down) != 0;

    /// <summary>True when the index may be asked (and, with <paramref name="push"/>, written).</summary>
    public async Task<bool> CanIndexAsync(bool push, Action<BuildMessage> report, CancellationToken cancellationToken) =>
        Usable(push) && Spec.HasIndex && await ProbeAsync(report, cancellationToken).ConfigureAwait(false) is { Index: true };

    /// <summary>True when blobs may be read (and, with <paramref name="push"/>, written).</summary>
    public async Task<bool> CanStoreAsync(bool push, Action<BuildMessage> report, CancellationToken cancellationToken) =>
        Usable(push) && Spec.HasStorage && await ProbeAsync(report, cancellationToken).ConfigureAwait(false) is { Storage: true };

    /// <summary>
    /// Handles a failed call: an unreachable remote is switched off, a refused push stops pushing to it;
    /// anything else is a warning about this element only.
    /// </summary>
    public void Failed(BgxException error, bool pushing, Element? element, string what, Action<BuildMessage> report)
    {
        if (error.IsTransient)
        {
            if (Interlocked.Exchange(ref _down, 1) == 0)
                Warn(report, element, $"Remote cache {Spec} is unavailable ({what}): {error.Message}; going on without it");
            return;
        }
        if (pushing)
        {
            if (Interlocked.Exchange(ref _pushRefused, 1) == 0)
                Warn(report, element, $"Remote cache {Spec} refused a push ({what}): {Describe(error)}; not pushing to it any more");
            return;
        }
        Warn(report, element, $"Remote cache {Spec}: {what} failed: {Describe(error)}");
    }

    private bool Usable(bool push) => Volatile.Read(ref _down) == 0 && (!push || (Spec.Push && Volatile.Read(ref _pushRefused) == 0));

    private Task<(bool Index, bool Storage)?> ProbeAsync(Action<BuildMessage> report, CancellationToken cancellationToken)
    {
        lock (_lock)
            return _probing ??= RunProbeAsync(report, cancellationToken);
    }

    private async Task<(bool Index, bool Storage)?> RunProbeAsync(Action<BuildMessage> report, CancellationToken cancellationToken)
    {
        try
        {
            var (index, storage) = await cache.ProbeAsync(cancellationToken).ConfigureAwait(false);
            if (Spec.HasIndex && !index)
                Warn(report, null, $"Remote cache {Spec} has no Remote Asset service: {(Spec.HasStorage && storage ? "using it for blobs only" : "artifacts and sources cannot be looked up there")}");
            if (Spec.HasStorage && !storage)
                Warn(report, null, $"Remote cache {Spec} has no CAS service: {(Spec.HasIndex && index ? "using it as an index only" : "no blobs can be moved there")}");
            return (index, storage);
        }
        catch (BgxException e) when (e.Domain == ErrorDomain.Remote)
        {
            Interlocked.Exchange(ref _down, 1);
            Warn(report, null, $"Remote cache {Spec} is unavailable: {Describe(e)}; going on without it");
            return null;
        }
    }

    private static string Describe(BgxException e) => e.Detail is { Length: > 0 } detail ? $"{e.Message} ({detail.Trim()})" : e.Message;

    private static void Warn(Action<BuildMessage> report, Element? element, string text) =>
        report(new BuildMessage(BuildEvent.Warning, element, text, TimeSpan.Zero));
}
