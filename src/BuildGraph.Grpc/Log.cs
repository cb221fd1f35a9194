using Microsoft.Extensions.Logging;

namespace BuildGraph.Grpc;

/// <summary>Transport diagnostics; event IDs 5000-5099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "gRPC handler for {Method} failed")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "gRPC call {Method} ended with {Status}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode status, string detail);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "gRPC call {Method} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string method, string reason);
}
