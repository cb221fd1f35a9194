using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Options.OptionsTestData;

namespace BuildGraph.Engine.Tests.Options;

public class EnumOptionTests
{
    private const string Decl = """
        flavour:
          type: enum
          description: Which flavour
          values: [vanilla, chocolate]
          default: vanilla
        """;

    [Fact]
    public void Default_InValues_IsTheValue()
    {
        var pool = Resolved(Decl);
        Assert.Equal("vanilla", Value(pool, "flavour"));
        Assert.True(pool.Evaluate("flavour == 'vanilla'", CommandLine));
    }

    [Fact]
    public void Default_NotInValues_ThrowsInvalidOptionAtDefault() =>
        AssertError(ErrorReason.InvalidOption, 5, 12, () => Declare(Decl.Replace("default: vanilla", "default: mint")));

    [Fact]
    public void Default_Missing_ThrowsMissingKey() =>
        AssertError(ErrorReason.MissingKey, 2, 3, () => Declare(Decl.Replace("  default: vanilla", "")));

    [Theory]
    [InlineData("values: []")]
    [InlineData("variable: x")]
    public void Values_EmptyOrMissing_ThrowsInvalidData(string replacement) =>
        AssertError(ErrorReason.InvalidData, 2, 3, () => Declare(Decl.Replace("values: [vanilla, chocolate]", replacement)));

    [Fact]
    public void SetValue_Listed_Overrides()
    {
        var pool = Declare(Decl);
        pool.SetValue("flavour", "chocolate", CommandLine, fromCommandLine: true);
        pool.Resolve();
        Assert.Equal("chocolate", Value(pool, "flavour"));
    }

    [Fact]
    public void SetValue_LaterCall_WinsOverEarlier()
    {
        var pool = Declare(Decl);
        pool.SetValues(ParseYaml("flavour: chocolate"));
        pool.SetValue("flavour", "vanilla", CommandLine, fromCommandLine: true);
        pool.Resolve();
        Assert.Equal("vanilla", Value(pool, "flavour"));
    }

    [Fact]
    public void SetValue_NotListed_ThrowsInvalidOptionAtGivenProvenance()
    {
        var pool = Declare(Decl);
        var e = Assert.Throws<LoadException>(() => pool.SetValue("flavour", "Vanilla", CommandLine, fromCommandLine: true));
        Assert.Equal(ErrorReason.InvalidOption, e.Reason);
        Assert.Equal(CommandLine, e.Provenance);
    }

    [Fact]
    public void SetValues_YamlNotListed_ThrowsInvalidOptionAtValue()
    {
        var pool = Declare(Decl);
        AssertError(ErrorReason.InvalidOption, 2, 10, () => pool.SetValues(ParseYaml("# user config\nflavour: mint")));
    }

    [Fact]
    public void SetValue_YamlMapping_ThrowsInvalidOptionAtValue()
    {
        var pool = Declare(Decl);
        var values = ParseYaml("flavour:\n  a: b");
        AssertError(ErrorReason.InvalidOption, 2, 3, () => pool.SetValue("flavour", values["flavour"]!, values.KeyProvenance("flavour"), false));
    }
}
