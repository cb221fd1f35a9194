using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BuildGraph.Plugins.Tests.Sources.Support;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 serving <see cref="Files"/> by path (404 otherwise), one request per
/// connection. <see cref="Failures"/> makes a path answer a status for its first N requests.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackHttpServer()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Path → (status, how many requests get it before the file is served).</summary>
    public ConcurrentDictionary<string, (int Status, int Times)> Failures { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>A URL on a loopback port nobody listens on.</summary>
    public static string UnreachableUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var buffer = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(buffer) == 0)
                    return;
                head.Append((char)buffer[0]);
            }
            var path = Uri.UnescapeDataString(head.ToString().Split(' ')[1]);
            var count = Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            int status;
            byte[] body;
            if (Failures.TryGetValue(path, out var failure) && count <= failure.Times)
                (status, body) = (failure.Status, Encoding.UTF8.GetBytes("failure\n"));
            else if (Files.TryGetValue(path, out var file))
                (status, body) = (200, file);
            else
                (status, body) = (404, Encoding.UTF8.GetBytes("not found\n"));
            var header = $"HTTP/1.1 {status} X\r\nContent-Length: {body.Length}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(header));
            await stream.WriteAsync(body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
