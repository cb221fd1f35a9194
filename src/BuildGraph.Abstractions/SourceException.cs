using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>A source could not be fetched, verified, tracked or staged.</summary>
public sealed class SourceException : BgxException
{
    public SourceException(ErrorReason reason, Provenance? provenance, string message, string? detail = null,
        bool isTransient = false, Exception? inner = null)
        : base(ErrorDomain.Source, reason, provenance, message, detail, isTransient, inner)
    {
    }
}
