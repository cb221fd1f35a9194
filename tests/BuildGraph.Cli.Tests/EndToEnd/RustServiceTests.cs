using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using BuildGraph.Cli.Tests.Build;

namespace BuildGraph.Cli.Tests.EndToEnd;

/// <summary>
/// The flagship flow on real things (the rust-world fixture): an element with a git_repo source and a
/// cargo2 block builds a Rust web service with <c>cargo build --release --locked --offline</c> in the
/// bubblewrap sandbox over a Debian sysroot, installs the binary and a systemd unit, and the checked-out
/// binary answers HTTP on 127.0.0.1. Sources are fetched from loopback servers that are then stopped, so
/// the build shows it never touches the network when the cache has what it needs. Tracking then moves
/// the service from v0.1.0 to v0.2.0, the cargo2 block follows its Cargo.lock, and the rebuilt service
/// answers the new routes. One test: two cargo builds (~30 s each) and a 700 MiB sysroot import.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RustServiceTests
{
    private const string Element = "hello-service.bst";
    private const string ElementFile = "elements/hello-service.bst";

    [RustWorldFact]
    public async Task HelloService_FetchBuildOfflineRun_ThenTrackToV020RebuildRun()
    {
        var world = await RustWorld.GenerateAsync();
        using var fixtureServer = new StaticFileServer(world.Root);
        using var crateServer = new StaticFileServer(Path.Combine(world.Root, "crates"));
        using var project = TestProject.Empty();
        var sysroot = Path.Combine(project.Directory, "sysroot");
        try
        {
            PrepareProject(project, world, fixtureServer.Url, crateServer.Url, sysroot);

            // Fetch with the servers up: the repository and v0.1.0's six crates come over HTTP.
            project.Run("source", "fetch", Element).AssertSuccess();
            Assert.Contains(fixtureServer.Served, path => path.StartsWith("/repos/hello-service.git/", StringComparison.Ordinal));
            Assert.Equal(
                ["/ascii/ascii-1.0.0.crate", "/cfg-if/cfg-if-1.0.0.crate", "/chunked_transfer/chunked_transfer-1.4.0.crate",
                    "/httpdate/httpdate-1.0.2.crate", "/log/log-0.4.17.crate", "/tiny_http/tiny_http-0.12.0.crate"],
                crateServer.Served.Distinct().Order(StringComparer.Ordinal));

            // Build with the servers stopped: nothing may even connect to them.
            fixtureServer.Stop();
            crateServer.Stop();
            var build = project.Run("build", Element).AssertSuccess();
            Assert.Equal(["base.bst", Element], build.Elements("SUCCESS"));
            Assert.Equal(0, fixtureServer.DroppedConnections + crateServer.DroppedConnections);
            var log = project.Run("artifact", "log", Element).AssertSuccess().Stdout;
            Assert.Contains("# Running build-commands: cargo build --release --locked --offline\n", log, StringComparison.Ordinal);
            Assert.Matches(@"\n +Finished release \[optimized\] target\(s\)", log);

            var v1 = project.CheckoutBuilt(Element);
            Assert.Equal(["usr", "usr/bin", "usr/bin/hello-service", "usr/lib", "usr/lib/systemd", "usr/lib/systemd/system",
                "usr/lib/systemd/system/hello-service.service"], BuildRuns.ListTree(v1));
            var unit = File.ReadAllText(Path.Combine(v1, "usr/lib/systemd/system/hello-service.service"));
            Assert.Contains("\nExecStart=/usr/bin/hello-service\n", unit, StringComparison.Ordinal);
            Assert.Contains("\nWantedBy=multi-user.target\n", unit, StringComparison.Ordinal);
            await using (var service = await RunningService.StartAsync(Path.Combine(v1, "usr/bin/hello-service")))
                Assert.Equal("hello from hello-service 0.1.0", await service.GetAsync("/"));

            // Track with the servers back: git_repo moves to v0.2.0, cargo2 gains its two new crates.
            fixtureServer.Restart();
            crateServer.Restart();
            var elementPath = Path.Combine(project.Directory, ElementFile);
            var before = File.ReadAllText(elementPath);
            var report = Path.Combine(Path.GetDirectoryName(project.Directory)!, "track-report.json");
            var track = project.Run("source", "track", "--report", report, Element).AssertSuccess();
            Assert.Equal(ExpectedAfterTrack(before, world), File.ReadAllText(elementPath));
            Assert.Contains("    add form_urlencoded 1.1.0\n", track.Stdout, StringComparison.Ordinal);
            Assert.Contains("    add percent-encoding 2.2.0\n", track.Stdout, StringComparison.Ordinal);
            AssertReport(report, world);

            var rebuild = project.Run("build", Element).AssertSuccess();
            Assert.Equal(["base.bst"], rebuild.Elements("CACHED"));
            Assert.Equal([Element], rebuild.Elements("SUCCESS"));
            var v2 = project.CheckoutBuilt(Element);
            Assert.True(File.Exists(Path.Combine(v2, "usr/lib/systemd/system/hello-service.service")));
            await using (var service = await RunningService.StartAsync(Path.Combine(v2, "usr/bin/hello-service")))
            {
                Assert.Equal("hello from hello-service 0.2.0", await service.GetAsync("/"));
                Assert.Equal("ok", await service.GetAsync("/health"));
                Assert.Equal("hello, bgx", await service.GetAsync("/hello?name=bgx"));
            }
        }
        finally
        {
            // Only the link: never let a recursive delete reach the shared sysroot.
            if (new FileInfo(sysroot).LinkTarget is not null)
                File.Delete(sysroot);
        }
    }

    /// <summary>
    /// The fixture's example project with the sysroot linked in, the aliases on the loopback servers,
    /// the <c>indep-libdir</c> variable it uses and its bare <c>url: crates:</c> quoted (invalid YAML as is).
    /// </summary>
    private static void PrepareProject(TestProject project, RustWorldFacts world, string fixtureUrl, string cratesUrl, string sysroot)
    {
        var examples = Path.Combine(world.Root, "example-elements");
        File.Copy(Path.Combine(examples, "project.conf"), Path.Combine(project.Directory, "project.conf"));
        Directory.CreateDirectory(Path.Combine(project.Directory, "elements"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(examples, "elements")))
            File.Copy(file, Path.Combine(project.Directory, "elements", Path.GetFileName(file)));
        File.CreateSymbolicLink(sysroot, Path.Combine(world.Root, "sysroot"));

        var conf = File.ReadAllText(Path.Combine(project.Directory, "project.conf"));
        conf = SetAlias(conf, "fixture", fixtureUrl);
        conf = SetAlias(conf, "crates", cratesUrl);
        if (!conf.Contains("indep-libdir", StringComparison.Ordinal))
            conf += "\nvariables:\n  indep-libdir: \"%{prefix}/lib\"\n";
        project.Write("project.conf", conf);

        var element = File.ReadAllText(Path.Combine(project.Directory, ElementFile));
        Assert.Contains($"  ref: {world["RW_V1_REF"]}\n", element, StringComparison.Ordinal);
        project.Write(ElementFile, Regex.Replace(element, @"^(\s*url:) crates:$", "$1 \"crates:\"", RegexOptions.Multiline));
    }

    private static string SetAlias(string conf, string alias, string url)
    {
        var pattern = new Regex($@"^(  {alias}:) \S+", RegexOptions.Multiline);
        Assert.Matches(pattern, conf);
        return pattern.Replace(conf, $"$1 {url}", 1);
    }

    /// <summary>
    /// The element file after tracking: only the git_repo ref (v0.2.0's commit) and two cargo2 entries in
    /// name order (form_urlencoded before httpdate, percent-encoding before tiny_http) differ.
    /// </summary>
    private static string ExpectedAfterTrack(string before, RustWorldFacts world)
    {
        string Entry(string name, string version) =>
            $"  - kind: registry\n    name: {name}\n    version: {version}\n    sha: {world.CrateSha(name, version)}\n";
        string InsertBefore(string text, string next, string entry)
        {
            var anchor = $"  - kind: registry\n    name: {next}\n";
            Assert.Contains(anchor, text, StringComparison.Ordinal);
            return text.Replace(anchor, entry + anchor, StringComparison.Ordinal);
        }

        var expected = before.Replace($"  ref: {world["RW_V1_REF"]}\n", $"  ref: {world["RW_V2_COMMIT"]}\n", StringComparison.Ordinal);
        expected = InsertBefore(expected, "httpdate", Entry("form_urlencoded", "1.1.0"));
        return InsertBefore(expected, "tiny_http", Entry("percent-encoding", "2.2.0"));
    }

    private static void AssertReport(string report, RustWorldFacts world)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var root = json.RootElement;
        Assert.True(root.GetProperty("changed").GetBoolean());
        Assert.True(root.GetProperty("written").GetBoolean());
        Assert.Equal([ElementFile], root.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        var element = Assert.Single(root.GetProperty("elements").EnumerateArray());
        Assert.Equal(Element, element.GetProperty("element").GetString());
        var sources = element.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(2, sources.Count);

        var repo = sources[0];
        Assert.Equal("git_repo", repo.GetProperty("kind").GetString());
        Assert.Equal(world["RW_V1_REF"], repo.GetProperty("old-ref").GetString());
        Assert.Equal(world["RW_V2_COMMIT"], repo.GetProperty("new-ref").GetString());
        Assert.True(repo.GetProperty("changed").GetBoolean());
        Assert.Contains(repo.GetProperty("changes").EnumerateArray(), c => c.GetString()!.StartsWith("hello-service 0.2.0", StringComparison.Ordinal));

        var crates = sources[1];
        Assert.Equal("cargo2", crates.GetProperty("kind").GetString());
        Assert.True(crates.GetProperty("changed").GetBoolean());
        Assert.Equal(["add form_urlencoded 1.1.0", "add percent-encoding 2.2.0"],
            crates.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(6, crates.GetProperty("old-ref").GetArrayLength());
        Assert.Equal(8, crates.GetProperty("new-ref").GetArrayLength());
    }

    /// <summary>A checked-out hello-service running on the host with <c>PORT</c> set to a free loopback port.</summary>
    private sealed class RunningService : IAsyncDisposable
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

        private readonly Process _process;
        private readonly HttpClient _client;
        private readonly Task<string> _stdout;
        private readonly Task<string> _stderr;

        private RunningService(Process process, int port)
        {
            _process = process;
            _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            _stdout = process.StandardOutput.ReadToEndAsync();
            _stderr = process.StandardError.ReadToEndAsync();
        }

        public static async Task<RunningService> StartAsync(string binary)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var service = new RunningService(Process.Start(start) ?? throw new InvalidOperationException("could not start " + binary), port);
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return service;
                }
                catch (SocketException) when (!service._process.HasExited && deadline.Elapsed < StartTimeout)
                {
                    await Task.Delay(100);
                }
                catch (SocketException)
                {
                    var exited = service._process.HasExited ? $"exited {service._process.ExitCode}" : $"not listening after {StartTimeout}";
                    await service.DisposeAsync();
                    Assert.Fail($"{binary} {exited} on port {port}\nstdout:\n{await service._stdout}\nstderr:\n{await service._stderr}");
                }
            }
        }

        /// <summary>GET <paramref name="path"/>: the body without its trailing newline; fails unless 200.</summary>
        public async Task<string> GetAsync(string path)
        {
            using var response = await _client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
            return body.TrimEnd('\n');
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            if (!_process.HasExited)
                _process.Kill();
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
