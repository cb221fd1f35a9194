using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Options.OptionsTestData;

namespace BuildGraph.Engine.Tests.Options;

public class BoolOptionTests
{
    private static string Decl(string defaultValue) => $"""
        debug:
          type: bool
          description: Debug build
          default: {defaultValue}
        """;

    [Theory]
    [InlineData("True", "1")]
    [InlineData("true", "1")]
    [InlineData("1", "1")]
    [InlineData("False", "0")]
    [InlineData("false", "0")]
    [InlineData("0", "0")]
    public void Default_BooleanSpelling_ExportsOneOrZero(string spelling, string exported) =>
        Assert.Equal(exported, Value(Resolved(Decl(spelling)), "debug"));

    [Theory]
    [InlineData("yes")]
    [InlineData("TRUE")]
    [InlineData("''")]
    public void Default_NotABoolean_ThrowsInvalidOptionAtDefault(string spelling) =>
        AssertError(ErrorReason.InvalidOption, 4, 12, () => Declare(Decl(spelling)));

    [Fact]
    public void Default_Missing_ThrowsMissingKey()
    {
        var e = Assert.Throws<LoadException>(() => Declare("debug:\n  type: bool\n  description: d\n"));
        Assert.Equal(ErrorReason.MissingKey, e.Reason);
        Assert.Equal(new Provenance("test.bst", 2, 3), e.Provenance);
    }

    [Fact]
    public void Declare_ValuesKey_ThrowsUnexpectedKeyAtKey() =>
        AssertError(ErrorReason.UnexpectedKey, 5, 3, () => Declare(Decl("False") + "\n  values: [a]"));

    [Theory]
    [InlineData("True", "1")]
    [InlineData("true", "1")]
    [InlineData("False", "0")]
    [InlineData("false", "0")]
    public void SetValue_CommandLine_OverridesDefault(string value, string exported)
    {
        var pool = Declare(Decl(exported == "1" ? "False" : "True"));
        pool.SetValue("debug", value, CommandLine, fromCommandLine: true);
        pool.Resolve();
        Assert.Equal(exported, Value(pool, "debug"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData("TRUE")]
    public void SetValue_CommandLineNotTrueOrFalse_ThrowsInvalidOptionAtGivenProvenance(string value)
    {
        var pool = Declare(Decl("False"));
        var e = Assert.Throws<LoadException>(() => pool.SetValue("debug", value, CommandLine, fromCommandLine: true));
        Assert.Equal(ErrorReason.InvalidOption, e.Reason);
        Assert.Equal(CommandLine, e.Provenance);
    }

    [Fact]
    public void SetValues_YamlOne_SetsTrue()
    {
        var pool = Declare(Decl("False"));
        pool.SetValues(ParseYaml("debug: 1"));
        pool.Resolve();
        Assert.Equal("1", Value(pool, "debug"));
        Assert.True(pool.Evaluate("debug", CommandLine));
    }

    [Fact]
    public void SetValues_YamlList_ThrowsInvalidOptionAtValue()
    {
        var pool = Declare(Decl("False"));
        AssertError(ErrorReason.InvalidOption, 1, 8, () => pool.SetValues(ParseYaml("debug: [True]")));
    }

    [Fact]
    public void Evaluate_BoolOption_IsAPythonBool()
    {
        var pool = Resolved(Decl("True"));
        Assert.True(pool.Evaluate("debug == True", CommandLine));
        Assert.True(pool.Evaluate("debug == 1", CommandLine));
        Assert.False(pool.Evaluate("debug == 'True'", CommandLine));
        Assert.False(pool.Evaluate("not debug", CommandLine));
    }
}
