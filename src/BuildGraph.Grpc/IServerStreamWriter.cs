namespace BuildGraph.Grpc;

/// <summary>Writes a server stream's messages; each is flushed to the client at once. Not thread-safe.</summary>
public interface IServerStreamWriter<in T>
{
    Task WriteAsync(T message);
}
