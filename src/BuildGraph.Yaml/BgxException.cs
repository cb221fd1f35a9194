namespace BuildGraph.Yaml;

/// <summary>
/// A user error: bad input, a missing file, a failed remote. The CLI prints it as one message led by
/// its provenance and exits non-zero, without a stack trace. Bugs throw other exception types.
/// </summary>
public class BgxException : Exception
{
    public BgxException(ErrorDomain domain, ErrorReason reason, Provenance? provenance, string message,
        string? detail = null, bool isTransient = false, Exception? inner = null)
        : base(message, inner)
    {
        Domain = domain;
        Reason = reason;
        Provenance = provenance;
        Detail = detail;
        IsTransient = isTransient;
    }

    public ErrorDomain Domain { get; }
    public ErrorReason Reason { get; }
    public Provenance? Provenance { get; }
    public string? Detail { get; }
    public bool IsTransient { get; }

    /// <summary>The message as users see it: provenance first, then what is wrong, then the detail.</summary>
    public string Render()
    {
        var text = Provenance is { } p ? $"{p}: {Message}" : Message;
        return Detail is null ? text : $"{text}\n\n{Detail}";
    }
}
