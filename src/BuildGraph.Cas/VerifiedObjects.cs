using System.Collections.Concurrent;

namespace BuildGraph.Cas;

/// <summary>
/// Object files whose content this process has hashed (or written) and found right, by stamp. A file
/// rewritten since (by a build running as root in a user namespace, say) has a new stamp and is
/// hashed again before it is handed out for hard-linking.
/// </summary>
/// <remarks>
/// mtime comes from a coarse kernel clock, so a rewrite right after a check can keep the old mtime
/// (git's "racy clean" problem). A check is only remembered when the file's mtime is older than the
/// check's start by more than any clock tick; otherwise the next use hashes again.
/// </remarks>
internal sealed class VerifiedObjects
{
    /// <summary>More than any kernel timestamp tick: writes after a moment T get an mtime above T minus this.</summary>
    public static readonly TimeSpan RacyWindow = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, FileStamp> _stamps = new(StringComparer.Ordinal);

    public bool IsVerified(string path, FileStamp stamp) =>
        _stamps.TryGetValue(path, out var known) && known.SameContentAs(stamp);

    /// <param name="checkStartedUtc">When the content that was found right began to be read or written.</param>
    public void MarkVerified(string path, FileStamp stamp, DateTime checkStartedUtc)
    {
        if (stamp.MtimeUtc < checkStartedUtc - RacyWindow)
            _stamps[path] = stamp;
        else
            _stamps.TryRemove(path, out _);
    }

    public void Forget(string path) => _stamps.TryRemove(path, out _);
}
