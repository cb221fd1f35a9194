using BuildGraph.Abstractions;

namespace BuildGraph.Server.Storage;

/// <summary>An index entry names blobs the CAS does not hold; nothing was recorded.</summary>
internal sealed class MissingReferencesException(IReadOnlyList<Digest> missing)
    : Exception($"{missing.Count} referenced blob(s) are missing, e.g. {missing[0]}")
{
    public IReadOnlyList<Digest> Missing { get; } = missing;
}
