using System.Net;
using System.Net.Sockets;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a server that forwards the client's first
/// <paramref name="limit"/> bytes and then stops reading from it: the client is left stuck in the
/// middle of an upload, to be killed there. Replies flow freely.
/// </summary>
internal sealed class StallingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly long _limit;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<TcpClient> _connections = [];
    private long _forwarded;

    public StallingProxy(Uri target, long limit)
    {
        _target = target;
        _limit = limit;
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Completes once the limit is reached and forwarding has stopped.</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>Bytes of the client's forwarded to the server.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                lock (_connections)
                    _connections.AddRange([client, server]);
                _ = PumpAsync(client.GetStream(), server.GetStream(), limited: true);
                _ = PumpAsync(server.GetStream(), client.GetStream(), limited: false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool limited)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var room = limited ? (int)Math.Min(buffer.Length, _limit - Forwarded) : buffer.Length;
                if (room <= 0)
                {
                    _stalled.TrySetResult();
                    await Task.Delay(Timeout.Infinite, _stop.Token); // stop reading: the client's writes back up
                }
                var read = await from.ReadAsync(buffer.AsMemory(0, room), _stop.Token);
                if (read == 0)
                    return;
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                if (limited)
                    Interlocked.Add(ref _forwarded, read);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
                connection.Dispose();
        }
        _stop.Dispose();
    }
}
