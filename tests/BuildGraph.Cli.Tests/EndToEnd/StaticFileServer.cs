using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BuildGraph.Cli.Tests.EndToEnd;

/// <summary>
/// A static HTTP/1.1 file server over a directory on 127.0.0.1 (a free port), enough for cargo2 crate
/// downloads and git's dumb HTTP protocol (the query string is ignored, so <c>info/refs?service=...</c>
/// serves the plain <c>info/refs</c> file). Every response closes its connection.
/// <para>
/// <see cref="Stop"/> takes it off the air while keeping the port: each connection is then counted in
/// <see cref="DroppedConnections"/> and reset unanswered, as a dead server would; <see cref="Restart"/>
/// serves again at the same URL.
/// </para>
/// </summary>
internal sealed class StaticFileServer : IDisposable
{
    private const int MaxHeadBytes = 64 * 1024;

    private readonly string _root;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ConcurrentQueue<string> _served = new();
    private readonly Task _acceptLoop;
    private volatile bool _serving = true;
    private int _dropped;

    public StaticFileServer(string root)
    {
        _root = Path.GetFullPath(root).TrimEnd('/');
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server's base URL, ending in '/'.</summary>
    public string Url { get; }

    /// <summary>The URL paths (decoded, without query) of the requests answered so far, in order.</summary>
    public IReadOnlyList<string> Served => _served.ToArray();

    /// <summary>Connections made while stopped.</summary>
    public int DroppedConnections => Volatile.Read(ref _dropped);

    public void Stop() => _serving = false;

    public void Restart() => _serving = true;

    public void Dispose()
    {
        _disposed.Cancel();
        _listener.Stop();
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _disposed.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_disposed.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_disposed.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (!_serving)
            {
                Interlocked.Increment(ref _dropped);
                socket.LingerState = new LingerOption(true, 0);
                socket.Dispose();
                continue;
            }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            try
            {
                var head = await ReadHeadAsync(stream);
                var requestLine = head?.Split("\r\n", 2)[0].Split(' ');
                if (requestLine is not [var method, var target, ..])
                    return;
                var path = Uri.UnescapeDataString(target.Split('?', 2)[0]);
                var file = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
                if (method is not ("GET" or "HEAD") || !file.StartsWith(_root + "/", StringComparison.Ordinal) || !File.Exists(file))
                {
                    await WriteHeadAsync(stream, "404 Not Found", 0);
                    return;
                }
                await using var content = File.OpenRead(file);
                await WriteHeadAsync(stream, "200 OK", content.Length);
                if (method == "GET")
                    await content.CopyToAsync(stream, _disposed.Token);
                _served.Enqueue(path);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    private static async Task WriteHeadAsync(Stream stream, string status, long length)
    {
        var head = $"HTTP/1.1 {status}\r\nContent-Type: application/octet-stream\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
    }

    /// <summary>The request up to its blank line (requests here have no body), or null when the client left.</summary>
    private static async Task<string?> ReadHeadAsync(Stream stream)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length));
            if (read == 0)
                return null;
            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
                return text;
        }
        return null;
    }
}
