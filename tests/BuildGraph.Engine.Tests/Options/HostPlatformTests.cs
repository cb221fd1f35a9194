using BuildGraph.Engine.Options;

namespace BuildGraph.Engine.Tests.Options;

public class HostPlatformTests
{
    [Theory]
    [InlineData("x86_64", "x86-64")]
    [InlineData("amd64", "x86-64")]
    [InlineData("X86_64", "x86-64")]
    [InlineData("i386", "x86-32")]
    [InlineData("i686", "x86-32")]
    [InlineData("arm", "aarch32")]
    [InlineData("aarch64", "aarch64")]
    [InlineData("armv8l", "aarch64")]
    [InlineData("ppc64le", "power-isa-le")]
    [InlineData("ppc64", "power-isa-be")]
    [InlineData("powerpc", "power-isa-be")]
    [InlineData("riscv64", "rv64g")]
    [InlineData("loongarch64", "la64v100")]
    [InlineData("sparc64", "sparc-v9")]
    public void CanonicalizeArch_KnownAlias_ReturnsCanonicalName(string arch, string canonical) =>
        Assert.Equal(canonical, HostPlatform.CanonicalizeArch(arch));

    [Theory]
    [InlineData("mips")]
    [InlineData("")]
    [InlineData("x86")]
    public void CanonicalizeArch_Unknown_ReturnsNull(string arch) => Assert.Null(HostPlatform.CanonicalizeArch(arch));

    [Fact]
    public void Current_Host_HasCanonicalArchAndUnameOs()
    {
        Assert.Equal(HostPlatform.Current.Arch, HostPlatform.CanonicalizeArch(HostPlatform.Current.Arch));
        if (OperatingSystem.IsLinux())
            Assert.Equal("Linux", HostPlatform.Current.Os);
    }
}
