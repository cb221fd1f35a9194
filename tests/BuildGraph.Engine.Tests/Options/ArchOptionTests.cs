using BuildGraph.Engine.Options;
using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Options.OptionsTestData;

namespace BuildGraph.Engine.Tests.Options;

public class ArchOptionTests
{
    private static string Decl(string values) => $"""
        arch:
          type: arch
          description: Target architecture
          values: {values}
        """;

    [Theory]
    [InlineData("[aarch64, x86_64, i686]", "x86-64", "x86_64")]
    [InlineData("[x86-64, amd64]", "x86-64", "x86-64")]
    [InlineData("[amd64, x86_64]", "x86-64", "amd64")]
    [InlineData("[x86_64, i686, aarch64]", "x86-32", "i686")]
    [InlineData("[x86_64, AArch64]", "aarch64", "AArch64")]
    [InlineData("[ppc64le, ppc64]", "power-isa-be", "ppc64")]
    [InlineData("[riscv64]", "rv64g", "riscv64")]
    [InlineData("[loongarch64]", "la64v100", "loongarch64")]
    public void Default_HostListed_IsFirstListedSpellingOfHostArch(string values, string hostArch, string expected)
    {
        var pool = Resolved(Decl(values), new HostPlatform(hostArch, "Linux"));
        Assert.Equal(expected, Value(pool, "arch"));
        Assert.True(pool.Evaluate($"arch == '{expected}'", CommandLine));
    }

    [Fact]
    public void Resolve_HostNotListed_ThrowsInvalidOptionAtDeclaration()
    {
        var pool = Declare(Decl("[x86_64, i686]"), new HostPlatform("aarch64", "Linux"));
        AssertError(ErrorReason.InvalidOption, 2, 3, pool.Resolve);
    }

    [Fact]
    public void SetValue_HostNotListedButOverridden_Resolves()
    {
        var pool = Declare(Decl("[x86_64, i686]"), new HostPlatform("aarch64", "Linux"));
        pool.SetValue("arch", "i686", CommandLine, fromCommandLine: true);
        pool.Resolve();
        Assert.Equal("i686", Value(pool, "arch"));
    }

    [Fact]
    public void SetValue_OtherSpellingOfListedArch_ThrowsInvalidOption()
    {
        var pool = Declare(Decl("[x86_64, i686]"));
        var e = Assert.Throws<LoadException>(() => pool.SetValue("arch", "amd64", CommandLine, fromCommandLine: true));
        Assert.Equal(ErrorReason.InvalidOption, e.Reason);
    }

    [Fact]
    public void Values_UnknownArchitecture_ThrowsInvalidOptionAtItem() =>
        AssertError(ErrorReason.InvalidOption, 4, 20, () => Declare(Decl("[x86_64, mips]")));

    [Fact]
    public void Declare_Default_ThrowsUnexpectedKey() =>
        AssertError(ErrorReason.UnexpectedKey, 5, 3, () => Declare(Decl("[x86_64]") + "\n  default: x86_64"));

    [Fact]
    public void Values_Empty_ThrowsInvalidData() =>
        AssertError(ErrorReason.InvalidData, 2, 3, () => Declare(Decl("[]")));
}
