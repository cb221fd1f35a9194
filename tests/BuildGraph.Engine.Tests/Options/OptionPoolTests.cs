using BuildGraph.Engine.Options;
using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Options.OptionsTestData;

namespace BuildGraph.Engine.Tests.Options;

public class OptionPoolTests
{
    private const string TwoOptions = """
        zeta:
          type: bool
          description: Last by name
          default: True
          variable: zeta_flag
        alpha:
          type: enum
          description: First by name
          values: [a, b]
          default: a
        """;

    [Theory]
    [InlineData("debug-build")]
    [InlineData("1debug")]
    [InlineData("debug.build")]
    public void Declare_InvalidOptionName_ThrowsInvalidSymbolNameAtKey(string name) =>
        AssertError(ErrorReason.InvalidSymbolName, 2, 1,
            () => Declare($"# options\n{name}:\n  type: bool\n  description: d\n  default: True"));

    [Theory]
    [InlineData("_debug")]
    [InlineData("Debug_2")]
    public void Declare_ValidOptionName_IsDeclared(string name) =>
        Assert.True(Declare($"{name}:\n  type: bool\n  description: d\n  default: True").IsDeclared(name));

    [Fact]
    public void Declare_MissingType_ThrowsMissingKey() =>
        AssertError(ErrorReason.MissingKey, 2, 3, () => Declare("debug:\n  description: d\n  default: True"));

    [Fact]
    public void Declare_UnknownType_ThrowsInvalidDataAtType() =>
        AssertError(ErrorReason.InvalidData, 2, 9, () => Declare("debug:\n  type: boolean\n  description: d\n  default: True"));

    [Fact]
    public void Declare_MissingDescription_ThrowsMissingKey() =>
        AssertError(ErrorReason.MissingKey, 2, 3, () => Declare("debug:\n  type: bool\n  default: True"));

    [Fact]
    public void Declare_DefinitionNotAMapping_ThrowsInvalidData() =>
        AssertError(ErrorReason.InvalidData, 1, 8, () => Declare("debug: True"));

    [Fact]
    public void Declare_UnknownKey_ThrowsUnexpectedKeyAtKey() =>
        AssertError(ErrorReason.UnexpectedKey, 5, 3, () => Declare("debug:\n  type: bool\n  description: d\n  default: True\n  colour: red"));

    [Theory]
    [InlineData("1flag")]
    [InlineData("a flag")]
    [InlineData("''")]
    public void Declare_InvalidVariableName_ThrowsInvalidSymbolNameAtVariable(string variable) =>
        AssertError(ErrorReason.InvalidSymbolName, 5, 13,
            () => Declare($"debug:\n  type: bool\n  description: d\n  default: True\n  variable: {variable}"));

    [Fact]
    public void ExportVariables_DashedVariableName_IsAllowed()
    {
        var pool = Resolved("debug:\n  type: bool\n  description: d\n  default: True\n  variable: debug-flag");
        var variables = ParseYaml("prefix: /usr");
        pool.ExportVariables(variables);
        Assert.Equal("1", variables.GetString("debug-flag"));
    }

    [Fact]
    public void ExportVariables_ExistingVariable_IsOverriddenAndOthersKept()
    {
        var pool = Resolved(TwoOptions);
        var variables = ParseYaml("prefix: /usr\nzeta_flag: nope");
        pool.ExportVariables(variables);
        Assert.Equal(["prefix", "zeta_flag"], variables.Keys);
        Assert.Equal("1", variables.GetString("zeta_flag"));
        Assert.Equal(new Provenance("test.bst", 5, 13), variables["zeta_flag"]!.Provenance);
    }

    [Fact]
    public void PrintableValues_AfterResolve_SortedByName()
    {
        var pool = Resolved(TwoOptions);
        Assert.Equal([KeyValuePair.Create("alpha", "a"), KeyValuePair.Create("zeta", "1")], pool.PrintableValues);
    }

    [Fact]
    public void SetValue_UnknownName_ThrowsInvalidOptionAtGivenProvenance()
    {
        var pool = Declare(TwoOptions);
        var e = Assert.Throws<LoadException>(() => pool.SetValue("beta", "x", CommandLine, fromCommandLine: true));
        Assert.Equal(ErrorReason.InvalidOption, e.Reason);
        Assert.Equal(CommandLine, e.Provenance);
    }

    [Fact]
    public void SetValues_UnknownName_ThrowsInvalidOptionAtKey()
    {
        var pool = Declare(TwoOptions);
        AssertError(ErrorReason.InvalidOption, 2, 1, () => pool.SetValues(ParseYaml("alpha: b\nbeta: x")));
    }

    [Fact]
    public void SetValue_NoOptionsDeclared_ThrowsInvalidOption()
    {
        var pool = new OptionPool(host: X86Linux);
        pool.Declare(ParseYaml(""));
        Assert.Equal(ErrorReason.InvalidOption,
            Assert.Throws<LoadException>(() => pool.SetValue("debug", "True", CommandLine, true)).Reason);
    }

    [Fact]
    public void Evaluate_BeforeResolve_IsABug() =>
        Assert.Throws<InvalidOperationException>(() => Declare(TwoOptions).Evaluate("zeta", CommandLine));

    [Fact]
    public void SetValue_AfterResolve_IsABug() =>
        Assert.Throws<InvalidOperationException>(() => Resolved(TwoOptions).SetValue("zeta", "True", CommandLine, true));

    [Fact]
    public void Evaluate_UnknownName_ThrowsInvalidExpressionAtGivenProvenance()
    {
        var at = new Provenance("elements/a.bst", 7, 3);
        var e = Assert.Throws<LoadException>(() => Resolved(TwoOptions).Evaluate("beta == 'a'", at));
        Assert.Equal(ErrorReason.InvalidExpression, e.Reason);
        Assert.Equal(at, e.Provenance);
    }

    [Fact]
    public void Evaluate_SeveralOptions_SeesResolvedValues()
    {
        var pool = Declare(TwoOptions);
        pool.SetValue("alpha", "b", CommandLine, fromCommandLine: true);
        pool.Resolve();
        Assert.True(pool.Evaluate("zeta and alpha == 'b'", CommandLine));
        Assert.False(pool.Evaluate("not zeta or alpha in ['a']", CommandLine));
    }
}
