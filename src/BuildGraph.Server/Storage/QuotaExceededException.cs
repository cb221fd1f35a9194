namespace BuildGraph.Server.Storage;

/// <summary>A blob larger than the whole quota: it can never be stored.</summary>
internal sealed class QuotaExceededException(string message) : Exception(message);
