using Microsoft.Extensions.Logging;

namespace BuildGraph.Server;

/// <summary>Artifact server diagnostics; event IDs 5100-5199.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information,
        Message = "Artifact server on {Address}: {Directory}, push {Push}, {Blobs} blobs ({Bytes} bytes), quota {Quota}")]
    public static partial void Started(ILogger logger, string address, string directory, string push, int blobs, long bytes, string quota);
}
