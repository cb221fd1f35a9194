using BuildGraph.Engine.Options;
using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Loading.LoadAssert;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>
/// Project options and (?) conditionals in loaded projects (format.md §3.4–3.6); after BuildStream's
/// tests/format/options.py, option*.py and assertion.py.
/// </summary>
public class OptionTests : IDisposable
{
    private const string UserDebug = "projects:\n  options:\n    options:\n      debug: True\n";

    private readonly TestProject _project = TestProject.Copy("options");

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Conditionals_Defaults_TakeDefaultBranches()
    {
        var element = _project.Element("conditional.bst");

        Assert.Equal("gtk-gui", element.ResolvedVariable("gui"));
        Assert.Equal("x11-only", element.ResolvedVariable("display"));
        Assert.Equal(["make -O2"], Commands(element, "build-commands"));
    }

    [Fact]
    public void BoolOption_SetOnCommandLine_SelectsBranchInConfig()
    {
        var element = _project.Element("conditional.bst", "", ("debug", "True"));

        Assert.Equal(["make debug"], Commands(element, "build-commands"));
        Assert.Equal("1", element.ResolvedVariable("debug-enabled"));
    }

    [Fact]
    public void EnumOption_SetOnCommandLine_SelectsBranch()
    {
        var element = _project.Element("conditional.bst", "", ("toolkit", "qt"));

        Assert.Equal("qt-gui", element.ResolvedVariable("gui"));
    }

    [Fact]
    public void FlagsOption_ValueInFlags_SelectsBranch()
    {
        var element = _project.Element("conditional.bst", "", ("backends", "x11,wayland"));

        Assert.Equal("with-wayland", element.ResolvedVariable("display"));
    }

    [Fact]
    public void FlagsOption_SetOnCommandLine_ExportIsSorted()
    {
        var element = _project.Element("conditional.bst", "", ("backends", "x11,wayland"));

        Assert.Equal("wayland,x11", element.ResolvedVariable("backends"));
    }

    [Fact]
    public void ArchOption_Default_IsFirstValueMatchingHost()
    {
        var element = _project.Element("conditional.bst");

        var expected = new[] { "aarch64", "x86_64", "i686", "riscv64", "ppc64le" }
            .FirstOrDefault(v => HostPlatform.CanonicalizeArch(v) == HostPlatform.Current.Arch) ?? HostPlatform.Current.Arch;
        Assert.Equal(expected, element.ResolvedVariable("machine"));
    }

    [Theory]
    [InlineData("aarch64", "arm")]
    [InlineData("x86_64", "intel")]
    [InlineData("riscv64", "other")]
    public void ArchOption_SetOnCommandLine_SelectsBranch(string machine, string expected)
    {
        var element = _project.Element("conditional.bst", "", ("machine", machine));

        Assert.Equal(expected, element.ResolvedVariable("arch-name"));
        Assert.Equal(machine, element.ResolvedVariable("machine"));
    }

    [Fact]
    public void OsOption_Default_IsHostOs()
    {
        var expected = HostPlatform.Current.Os switch { "Linux" => "linux", "FreeBSD" => "bsd", _ => "other" };

        Assert.Equal(expected, _project.Element("conditional.bst").ResolvedVariable("os-name"));
    }

    [Fact]
    public void OsOption_SetOnCommandLine_SelectsBranch() =>
        Assert.Equal("bsd", _project.Element("conditional.bst", "", ("system", "FreeBSD")).ResolvedVariable("os-name"));

    [Fact]
    public void ElementMaskOption_Default_MatchesListedElementOnly()
    {
        var graph = _project.Load("masked.bst", "unmasked.bst");

        Assert.Equal("yes", graph.Find("masked.bst")!.ResolvedVariable("is-masked"));
        Assert.Equal("no", graph.Find("unmasked.bst")!.ResolvedVariable("is-masked"));
    }

    [Fact]
    public void ElementMaskOption_SetOnCommandLine_ReplacesDefault()
    {
        var graph = _project.Open("", ("masked", "unmasked.bst")).Load(["masked.bst", "unmasked.bst"]);

        Assert.Equal("no", graph.Find("masked.bst")!.ResolvedVariable("is-masked"));
        Assert.Equal("yes", graph.Find("unmasked.bst")!.ResolvedVariable("is-masked"));
    }

    [Fact]
    public void Option_SetInUserConfig_BeatsDefault()
    {
        var element = _project.Element("conditional.bst", UserDebug);

        Assert.Equal(["make debug"], Commands(element, "build-commands"));
    }

    [Fact]
    public void Option_SetInUserConfigAndCommandLine_CommandLineWins()
    {
        var element = _project.Element("conditional.bst", UserDebug, ("debug", "False"));

        Assert.Equal(["make -O2"], Commands(element, "build-commands"));
        Assert.Equal("0", element.ResolvedVariable("debug-enabled"));
    }

    [Fact]
    public void Conditionals_Nested_InnerBranchAppliesWhenBothHold()
    {
        Assert.Equal("release", _project.Element("nested.bst").ResolvedVariable("level"));
        Assert.Equal("debug", _project.Element("nested.bst", "", ("debug", "True")).ResolvedVariable("level"));
        Assert.Equal("debug-qt", _project.Element("nested.bst", "", ("debug", "True"), ("toolkit", "qt")).ResolvedVariable("level"));
    }

    [Theory]
    [InlineData("False", "gtk", "second-branch")]
    [InlineData("False", "qt", "sibling")]
    [InlineData("True", "qt", "first-branch")]
    [InlineData("True", "gtk", "second-branch")]
    public void Conditionals_SeveralTrueBranches_LaterBranchWins(string debug, string toolkit, string expected) =>
        Assert.Equal(expected,
            _project.Element("later-branch.bst", "", ("debug", debug), ("toolkit", toolkit)).ResolvedVariable("winner"));

    [Fact]
    public void Conditionals_InProjectConf_SetProjectVariables()
    {
        Assert.Equal("2", _project.Element("nested.bst").ResolvedVariable("opt-level"));
        Assert.Equal("0", _project.Element("nested.bst", "", ("debug", "True")).ResolvedVariable("opt-level"));
    }

    [Theory]
    [InlineData("aarch64")]
    [InlineData("x86_64")]
    public void Conditionals_InProjectKindOverrideVariables_SelectByOption(string machine) =>
        Assert.Equal($"--host={machine}-unknown-linux-gnu",
            _project.Element("nested.bst", "", ("machine", machine)).ResolvedVariable("conf-global"));

    [Theory]
    [InlineData("gtk", "default-from-kind")]
    [InlineData("qt", "qt-from-kind")]
    public void Conditionals_InProjectKindOverride_SelectByOption(string toolkit, string expected) =>
        Assert.Equal(expected, _project.Element("nested.bst", "", ("toolkit", toolkit)).ResolvedVariable("kind-toolkit"));

    [Fact]
    public void Conditionals_InIncludedFile_UseTheProjectOptions()
    {
        Assert.Equal("plain", _project.Element("included.bst").ResolvedVariable("from-include"));
        Assert.Equal("debug", _project.Element("included.bst", UserDebug).ResolvedVariable("from-include"));
    }

    [Fact]
    public void OptionExports_Defaults_AreVariables()
    {
        var element = _project.Element("nested.bst");

        Assert.Equal("0", element.ResolvedVariable("debug-enabled"));
        Assert.Equal("x11", element.ResolvedVariable("backends"));
    }

    [Fact]
    public void OptionExport_SameNameAsProjectVariable_ExportWins() =>
        Assert.Equal("qt", _project.Element("nested.bst", "", ("toolkit", "qt")).ResolvedVariable("toolkit"));

    [Fact]
    public void Assertion_InTakenBranch_ThrowsUserAssertionAtMessage() =>
        Fails(ErrorReason.UserAssertion, "elements/assertion.bst", 4, 10,
            () => _project.Open("", ("toolkit", "none")).Load(["assertion.bst"]));

    [Fact]
    public void Assertion_InBranchNotTaken_Loads() =>
        Assert.Equal("assertion.bst", _project.Element("assertion.bst").FullName);

    [Theory]
    [InlineData("toolkit", "motif")]
    [InlineData("debug", "yes")]
    [InlineData("backends", "x11,vnc")]
    [InlineData("machine", "mips")]
    [InlineData("system", "Plan9")]
    [InlineData("masked", "nosuch.bst")]
    public void Option_BadValueOnCommandLine_ThrowsInvalidOption(string name, string value) =>
        Fails(ErrorReason.InvalidOption, () => _project.Open("", (name, value)));

    [Fact]
    public void Option_UnknownNameOnCommandLine_ThrowsInvalidOption() =>
        Fails(ErrorReason.InvalidOption, () => _project.Open("", ("colour", "blue")));

    [Fact]
    public void Option_BadValueInUserConfig_ThrowsInvalidOptionAtUserConfig() =>
        Fails(ErrorReason.InvalidOption, _project.UserConfigFile, 7, 16,
            () => _project.Open("projects:\n  options:\n    options:\n      toolkit: motif\n"));

    [Fact]
    public void Conditional_UnknownOptionName_ThrowsInvalidExpressionAtCondition() =>
        Fails(ErrorReason.InvalidExpression, "elements/unknown-option.bst", 4, 5, () => _project.Load("unknown-option.bst"));
}
