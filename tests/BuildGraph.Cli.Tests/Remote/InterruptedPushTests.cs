using System.Diagnostics;
using BuildGraph.Cli.Tests.Build;

namespace BuildGraph.Cli.Tests.Remote;

/// <summary>A push killed half-way leaves nothing half-visible: the index entry is written only after every blob.</summary>
[Trait("Category", "Integration")]
public sealed class InterruptedPushTests
{
    private const string BigElement = """
        kind: manual
        description: An artifact large enough to be caught mid-upload (32 MiB of random bytes and a small file)
        build-depends:
        - base.bst
        config:
          install-commands:
          - mkdir -p "%{install-root}/data"
          - head -c 33554432 /dev/urandom > "%{install-root}/data/big.bin"
          - echo small > "%{install-root}/data/small.txt"
        """;

    [BuildFact]
    public async Task ArtifactPush_ProcessKilledMidUpload_ServerHasNoArtifactUntilAFullPush()
    {
        await using var server = await RemoteServer.StartAsync();
        using var project = BusyboxBase.Copy("build-basic");
        project.Write("elements/big.bst", BigElement);
        project.Run("build", "big.bst").AssertSuccess();
        var urn = RemoteServer.ArtifactUrn(project.ArtifactName("basic", "big.bst"));

        using (var proxy = new StallingProxy(new Uri(server.Url), limit: 8 * 1024 * 1024))
        {
            using var bgx = StartBgx(project, "artifact", "push", "--artifact-remote", proxy.Url, "big.bst");
            var stalled = await Task.WhenAny(proxy.Stalled, bgx.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(stalled == proxy.Stalled, $"the push did not reach 8 MiB (forwarded {proxy.Forwarded} bytes, exited {bgx.HasExited})");
            bgx.Kill();
            await bgx.WaitForExitAsync();
        }

        Assert.False(await server.HasAsync(urn));

        // A fresh cache pulling from the server finds nothing, and builds.
        using (var fresh = new FreshPull(project, server.Url))
            Assert.Equal(ExitCodes.UserError, fresh.Result.ExitCode);

        project.Run("artifact", "push", "--artifact-remote", server.Url, "big.bst").AssertSuccess();
        Assert.True(await server.HasAsync(urn));
    }

    /// <summary><c>artifact pull</c> of big.bst into an empty cache directory (the project's own is left alone).</summary>
    private sealed class FreshPull : IDisposable
    {
        private readonly string _config;
        private readonly string _cache;

        public FreshPull(TestProject project, string url)
        {
            _cache = Path.Combine(Path.GetTempPath(), "bgx-fresh-" + Guid.NewGuid().ToString("N"));
            _config = _cache + ".conf";
            File.WriteAllText(_config, $"cachedir: {_cache}\nbuild:\n  max-jobs: {TestProject.MaxJobs}\n");
            Result = TestProject.RunRaw("--config", _config, "-C", project.Directory, "artifact", "pull", "--artifact-remote", url, "big.bst");
        }

        public CliResult Result { get; }

        public void Dispose()
        {
            File.Delete(_config);
            if (Directory.Exists(_cache))
                Directory.Delete(_cache, recursive: true);
        }
    }

    /// <summary>Starts the bgx executable built next to the tests, output discarded.</summary>
    private static Process StartBgx(TestProject project, params string[] args)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "bgx");
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "bgx.dll") } };
        foreach (var arg in new[] { "--config", project.UserConfigFile, "-C", project.Directory }.Concat(args))
            start.ArgumentList.Add(arg);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bgx");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
