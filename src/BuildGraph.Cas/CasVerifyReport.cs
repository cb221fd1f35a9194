namespace BuildGraph.Cas;

/// <summary>The outcome of <see cref="LocalCas.VerifyAsync"/>.</summary>
/// <param name="CheckedCount">Object files hashed.</param>
/// <param name="CorruptHashes">Hashes (object names) whose file content no longer matches, sorted.</param>
public sealed record CasVerifyReport(int CheckedCount, IReadOnlyList<string> CorruptHashes)
{
    public bool IsHealthy => CorruptHashes.Count == 0;
}
