using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Options.OptionsTestData;

namespace BuildGraph.Engine.Tests.Options;

public class FlagsOptionTests
{
    private const string Decl = """
        backends:
          type: flags
          description: Display backends
          values: [x11, wayland, headless]
        """;

    [Fact]
    public void Default_Absent_IsEmpty()
    {
        var pool = Resolved(Decl);
        Assert.Equal("", Value(pool, "backends"));
        Assert.False(pool.Evaluate("backends", CommandLine));
        Assert.False(pool.Evaluate("'x11' in backends", CommandLine));
    }

    [Fact]
    public void Default_Declared_KeepsItsOrder()
    {
        var pool = Resolved(Decl + "\n  default: [x11, headless]");
        Assert.Equal("x11,headless", Value(pool, "backends"));
        Assert.True(pool.Evaluate("'headless' in backends and 'wayland' not in backends", CommandLine));
        Assert.True(pool.Evaluate("backends == ['x11', 'headless']", CommandLine));
    }

    [Fact]
    public void Default_UnlistedFlag_ThrowsInvalidOptionAtItem() =>
        AssertError(ErrorReason.InvalidOption, 5, 18, () => Declare(Decl + "\n  default: [x11, gtk]"));

    [Fact]
    public void Default_NotAList_ThrowsInvalidData() =>
        AssertError(ErrorReason.InvalidData, 5, 12, () => Declare(Decl + "\n  default: x11"));

    [Fact]
    public void Values_Missing_ThrowsInvalidData() =>
        AssertError(ErrorReason.InvalidData, 2, 3, () => Declare(Decl.Replace("  values: [x11, wayland, headless]", "")));

    [Theory]
    [InlineData("x11", "x11")]
    [InlineData("x11,wayland", "wayland,x11")]
    [InlineData(" x11 , headless ,wayland", "headless,wayland,x11")]
    [InlineData("", "")]
    public void SetValue_CommandLine_SplitsOnCommasAndSorts(string value, string exported)
    {
        var pool = Declare(Decl + "\n  default: [headless]");
        pool.SetValue("backends", value, CommandLine, fromCommandLine: true);
        pool.Resolve();
        Assert.Equal(exported, Value(pool, "backends"));
    }

    [Fact]
    public void SetValue_CommandLineUnlisted_ThrowsInvalidOptionAtGivenProvenance()
    {
        var pool = Declare(Decl);
        var e = Assert.Throws<LoadException>(() => pool.SetValue("backends", "x11,gtk", CommandLine, fromCommandLine: true));
        Assert.Equal(ErrorReason.InvalidOption, e.Reason);
        Assert.Equal(CommandLine, e.Provenance);
    }

    [Fact]
    public void SetValues_YamlList_IsSorted()
    {
        var pool = Declare(Decl);
        pool.SetValues(ParseYaml("backends: [x11, headless]"));
        pool.Resolve();
        Assert.Equal("headless,x11", Value(pool, "backends"));
    }

    [Fact]
    public void SetValues_YamlListUnlisted_ThrowsInvalidOptionAtItem()
    {
        var pool = Declare(Decl);
        AssertError(ErrorReason.InvalidOption, 3, 3, () => pool.SetValues(ParseYaml("backends:\n- x11\n- gtk")));
    }

    [Fact]
    public void SetValues_YamlMapping_ThrowsInvalidOptionAtValue()
    {
        var pool = Declare(Decl);
        AssertError(ErrorReason.InvalidOption, 1, 11, () => pool.SetValues(ParseYaml("backends: {x11: y}")));
    }
}
