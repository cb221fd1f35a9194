using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Sandbox.Tests;

public sealed class SandboxProbeTests
{
    [Fact]
    public void Probe_NoBwrap_UnavailableWithInstallHint()
    {
        var result = SandboxProbe.Probe(null);

        Assert.False(result.IsAvailable);
        Assert.NotNull(result.Reason);
        Assert.Contains("bubblewrap", result.Detail);
    }

    [Fact]
    public void Probe_BwrapFailing_UnavailableWithReason()
    {
        // /bin/false stands in for a bwrap that cannot create namespaces.
        var result = SandboxProbe.Probe("/bin/false");

        Assert.False(result.IsAvailable);
        Assert.NotNull(result.Reason);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public void Check_BwrapWorking_Available()
    {
        if (BwrapLocator.Find() is null)
            return;

        var result = SandboxProbe.Check();

        Assert.True(result.IsAvailable, $"{result.Reason} {result.Detail}");
        Assert.Null(result.Reason);
    }

    [Fact]
    public async Task RunAsync_BwrapMissing_ThrowsSandboxUnavailable()
    {
        using var root = new TestRoot();
        var sandbox = new BwrapSandbox(bwrapPath: "/nonexistent/bwrap");

        var e = await Assert.ThrowsAsync<SandboxException>(
            () => sandbox.RunAsync(SandboxRun.Script(root, "true"), TextWriter.Null, default));

        Assert.Equal(ErrorDomain.Sandbox, e.Domain);
        Assert.Equal(ErrorReason.SandboxUnavailable, e.Reason);
    }
}
