namespace BuildGraph.Yaml;

/// <summary>A user error while reading or composing project files.</summary>
public sealed class LoadException : BgxException
{
    public LoadException(ErrorReason reason, Provenance? provenance, string message, string? detail = null, Exception? inner = null)
        : base(ErrorDomain.Load, reason, provenance, message, detail, inner: inner)
    {
    }
}
