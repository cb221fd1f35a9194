using BuildGraph.Yaml;
using static BuildGraph.Engine.Tests.Options.OptionsTestData;

namespace BuildGraph.Engine.Tests.Options;

public class ElementMaskOptionTests
{
    private const string Decl = """
        mask:
          type: element-mask
          description: Elements to leave out
          variable: mask
        """;

    private static IReadOnlyList<string> Elements() => ["base.bst", "apps/editor.bst", "apps/shell.bst"];

    [Fact]
    public void Default_Absent_IsEmpty()
    {
        var pool = Resolved(Decl, elements: Elements);
        Assert.Equal("", Value(pool, "mask"));
        Assert.False(pool.Evaluate("'base.bst' in mask", CommandLine));
    }

    [Fact]
    public void Default_ListedElements_ExportedCommaJoined()
    {
        var pool = Resolved(Decl + "\n  default: [base.bst, apps/editor.bst]", elements: Elements);
        var variables = ParseYaml("prefix: /usr");
        pool.ExportVariables(variables);
        Assert.Equal("base.bst,apps/editor.bst", variables.GetString("mask"));
        Assert.True(pool.Evaluate("'apps/editor.bst' in mask", CommandLine));
    }

    [Fact]
    public void Default_UnknownElement_ThrowsInvalidOptionAtItem() =>
        AssertError(ErrorReason.InvalidOption, 5, 23, () => Declare(Decl + "\n  default: [base.bst, nope.bst]", elements: Elements));

    [Fact]
    public void SetValue_CommandLine_Sorted()
    {
        var pool = Declare(Decl, elements: Elements);
        pool.SetValue("mask", "base.bst,apps/shell.bst", CommandLine, fromCommandLine: true);
        pool.Resolve();
        Assert.Equal("apps/shell.bst,base.bst", Value(pool, "mask"));
    }

    [Fact]
    public void Declare_ValuesKey_ThrowsUnexpectedKey() =>
        AssertError(ErrorReason.UnexpectedKey, 5, 3, () => Declare(Decl + "\n  values: [base.bst]", elements: Elements));

    [Fact]
    public void Declare_NoElements_ThrowsInvalidData() =>
        AssertError(ErrorReason.InvalidData, 2, 3, () => Declare(Decl, elements: () => []));

    [Fact]
    public void Declare_NoElementMaskOption_NeverListsElements()
    {
        var pool = Resolved("debug:\n  type: bool\n  description: d\n  default: True",
            elements: () => throw new InvalidOperationException("element paths listed"));
        Assert.True(pool.Evaluate("debug", CommandLine));
    }

    [Fact]
    public void Declare_TwoElementMaskOptions_ListsElementsOnce()
    {
        var calls = 0;
        Resolved(Decl + "\nother:\n  type: element-mask\n  description: d",
            elements: () => { calls++; return Elements(); });
        Assert.Equal(1, calls);
    }
}
