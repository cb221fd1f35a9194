using System.Net;

namespace BuildGraph.Grpc;

/// <summary>Header names and the small rules both sides of the wire share.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";

    /// <summary>4 MiB, the receive limit every gRPC stack defaults to.</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary><c>application/grpc</c>, <c>application/grpc+proto</c>, optionally with <c>;</c> parameters.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null)
            return false;
        var type = contentType.Split(';')[0].Trim();
        return type.Equals(ContentType, StringComparison.OrdinalIgnoreCase)
            || type.Equals(ContentType + "+proto", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Headers that are part of the protocol, not metadata for the application.</summary>
    public static bool IsReserved(string name) =>
        name.StartsWith(':') || name.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase) && !name.EndsWith("-bin", StringComparison.OrdinalIgnoreCase)
        || name is "content-type" or "te" or "content-length" or "user-agent" or "host" or "accept-encoding";

    /// <summary>A non-gRPC HTTP answer, mapped as gRPC does.</summary>
    public static StatusCode FromHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>Parses a <c>grpc-status</c> value; null when absent or malformed.</summary>
    public static StatusCode? ParseStatus(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? (StatusCode)code
            : null;
}
