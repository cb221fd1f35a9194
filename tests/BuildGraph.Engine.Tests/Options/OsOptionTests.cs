using BuildGraph.Engine.Options;
using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Options.OptionsTestData;

namespace BuildGraph.Engine.Tests.Options;

public class OsOptionTests
{
    private static string Decl(string values) => $"""
        target_os:
          type: os
          description: Target OS
          values: {values}
          variable: target-os
        """;

    [Fact]
    public void Default_HostListed_IsUnameSystem()
    {
        var pool = Resolved(Decl("[Darwin, Linux]"));
        Assert.Equal("Linux", Value(pool, "target_os"));
        Assert.True(pool.Evaluate("target_os == 'Linux'", CommandLine));
    }

    [Fact]
    public void Resolve_HostNotListed_ThrowsInvalidOptionAtDeclaration()
    {
        var pool = Declare(Decl("[Darwin, FreeBSD]"));
        AssertError(ErrorReason.InvalidOption, 2, 3, pool.Resolve);
    }

    [Fact]
    public void SetValue_HostNotListedButOverridden_ExportsOverride()
    {
        var pool = Declare(Decl("[Darwin, FreeBSD]"), new HostPlatform("aarch64", "Linux"));
        pool.SetValues(ParseYaml("target_os: FreeBSD"));
        pool.Resolve();
        var variables = ParseYaml("target-os: Linux");
        pool.ExportVariables(variables);
        Assert.Equal("FreeBSD", variables.GetString("target-os"));
    }

    [Fact]
    public void SetValue_Unlisted_ThrowsInvalidOption()
    {
        var pool = Declare(Decl("[Linux]"));
        var e = Assert.Throws<LoadException>(() => pool.SetValue("target_os", "linux", CommandLine, fromCommandLine: true));
        Assert.Equal(ErrorReason.InvalidOption, e.Reason);
        Assert.Equal(CommandLine, e.Provenance);
    }

    [Fact]
    public void Declare_Default_ThrowsUnexpectedKey() =>
        AssertError(ErrorReason.UnexpectedKey, 6, 3, () => Declare(Decl("[Linux]") + "\n  default: Linux"));
}
