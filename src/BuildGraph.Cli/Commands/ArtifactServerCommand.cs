using System.CommandLine;
using System.Net;
using BuildGraph.Server;
using BuildGraph.Yaml;
using Microsoft.Extensions.Logging;

namespace BuildGraph.Cli.Commands;

/// <summary>
/// <c>bgx artifact-server</c>: serves a directory as a REAPI CAS / ActionCache / Remote Asset server
/// until SIGTERM or Ctrl+C. Prints <c>listening on URL</c> on stdout once it accepts calls (with
/// <c>--port 0</c> the URL has the port the OS picked); logs go to stderr.
/// </summary>
internal static class ArtifactServerCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0: any free port)", Required = true };
        var directory = new Option<string>("--directory") { Description = "Directory holding the CAS and its indexes", Required = true };
        var bind = new Option<string>("--bind") { Description = "Address to listen on (default 127.0.0.1)", DefaultValueFactory = _ => "127.0.0.1" };
        var enablePush = new Option<bool>("--enable-push") { Description = "Accept uploads (CAS, ByteStream, ActionCache, Remote Asset Push)" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM server certificate: serve TLS instead of plain HTTP/2" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert" };
        var clientCa = new Option<string?>("--client-ca") { Description = "PEM CA: clients with a certificate it issued may push" };
        var tokenFile = new Option<string?>("--token-file") { Description = "Bearer tokens allowed to push, one per line" };
        var quota = new Option<string?>("--quota") { Description = "Evict least recently used blobs beyond this size (e.g. 50G)" };
        var command = new Command("artifact-server", "Serve a remote cache (REAPI CAS, ActionCache, Remote Asset) for bgx, BuildStream and Bazel")
        {
            port, directory, bind, enablePush, tlsCert, tlsKey, clientCa, tokenFile, quota,
        };
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            var options = new ArtifactServerOptions
            {
                Port = parse.GetValue(port),
                Directory = parse.GetValue(directory)!,
                Bind = ParseAddress(parse.GetValue(bind)!),
                EnablePush = parse.GetValue(enablePush),
                TlsCertificateFile = parse.GetValue(tlsCert),
                TlsKeyFile = parse.GetValue(tlsKey),
                ClientCaFile = parse.GetValue(clientCa),
                TokenFile = parse.GetValue(tokenFile),
                QuotaBytes = parse.GetValue(quota) is { } q ? ParseQuota(q) : null,
            };
            if (options.Port is < 0 or > 65535)
                throw Invalid($"--port {options.Port} is not a port number");
            ArtifactServer server;
            try
            {
                server = ArtifactServer.StartAsync(options, logging => logging
                    .SetMinimumLevel(LogLevel.Information)
                    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
                    .AddSimpleConsole(o => o.SingleLine = true)
                    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException
                                          or System.Security.Cryptography.CryptographicException)
            {
                throw Invalid($"Cannot start the artifact server: {e.Message}");
            }
            stdout.WriteLine($"bgx artifact-server: listening on {server.Address}");
            stdout.Flush();
            server.WaitForShutdownAsync().GetAwaiter().GetResult();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return ExitCodes.Success;
        }));
        return command;
    }

    private static IPAddress ParseAddress(string text) =>
        text == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(text, out var address) ? address
        : throw Invalid($"--bind '{text}' is not an IP address");

    private static long ParseQuota(string text) =>
        SizeParser.TryParse(text, out var bytes) ? bytes : throw Invalid($"--quota '{text}' is not a size (e.g. 500M, 20G)");

    private static BgxException Invalid(string message) => new(ErrorDomain.App, ErrorReason.InvalidConfig, null, message);
}
