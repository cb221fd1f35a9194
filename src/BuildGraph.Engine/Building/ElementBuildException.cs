using BuildGraph.Yaml;

namespace BuildGraph.Engine.Building;

/// <summary>An element failed to build: a command exited non-zero, an overlap was fatal, a source is missing.</summary>
public sealed class ElementBuildException : BgxException
{
    public ElementBuildException(ErrorReason reason, string elementName, string message, string? logFile = null, string? detail = null, Exception? inner = null)
        : base(ErrorDomain.Element, reason, null, $"{elementName}: {message}", detail, inner: inner)
    {
        ElementName = elementName;
        LogFile = logFile;
    }

    public string ElementName { get; }

    /// <summary>The element's build log, when one was written.</summary>
    public string? LogFile { get; }
}
