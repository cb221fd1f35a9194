namespace BuildGraph.Abstractions;

/// <summary>
/// A content-addressed blob store (local disk or a remote CAS). Thread-safe; every method may be
/// called concurrently, also from several processes sharing one local store.
/// </summary>
public interface ICasStore
{
    /// <summary>The digests among <paramref name="digests"/> that the store does not hold.</summary>
    Task<IReadOnlyList<Digest>> FindMissingAsync(IEnumerable<Digest> digests, CancellationToken cancellationToken);

    /// <summary>Opens a blob for reading, or returns null when the store does not hold it.</summary>
    /// <exception cref="CasException">The stored blob is corrupt (its content no longer matches its digest).</exception>
    Task<Stream?> OpenReadAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="digest"/>, atomically: a reader never sees a
    /// partial blob. Storing a blob that is already present is a no-op.
    /// </summary>
    /// <exception cref="CasException">The content does not match the digest; nothing is stored.</exception>
    Task PutAsync(Digest digest, Stream content, CancellationToken cancellationToken);
}
