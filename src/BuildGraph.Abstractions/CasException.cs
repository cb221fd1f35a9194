using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>A content-addressed storage failure: a missing or corrupt object, a digest mismatch.</summary>
public sealed class CasException : BgxException
{
    public CasException(ErrorReason reason, string message, string? detail = null, Exception? inner = null)
        : base(ErrorDomain.Cas, reason, null, message, detail, inner: inner)
    {
    }
}
