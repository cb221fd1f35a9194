using BuildGraph.Yaml;

namespace BuildGraph.Abstractions;

/// <summary>The sandbox could not be set up or started (bwrap missing, namespaces refused, ...).</summary>
public sealed class SandboxException : BgxException
{
    public SandboxException(ErrorReason reason, string message, string? detail = null, Exception? inner = null)
        : base(ErrorDomain.Sandbox, reason, null, message, detail, inner: inner)
    {
    }
}
