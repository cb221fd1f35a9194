using BuildGraph.Engine.Options;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tests.Options;

public class ExpressionTests
{
    private static readonly Provenance At = new("test.bst", 3, 5);

    private static readonly Dictionary<string, ExpressionValue> Names = new()
    {
        ["debug"] = ExpressionValue.True,
        ["release"] = ExpressionValue.False,
        ["arch"] = ExpressionValue.FromString("x86_64"),
        ["empty"] = ExpressionValue.FromString(""),
        ["backends"] = ExpressionValue.FromStrings(["wayland", "x11"]),
        ["nothing"] = ExpressionValue.FromStrings([]),
    };

    private static bool Eval(string text) => Expression.Parse(text, At).Evaluate(Names, At);

    [Theory]
    [InlineData("debug", true)]
    [InlineData("release", false)]
    [InlineData("True", true)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("false", false)]
    [InlineData("None", false)]
    [InlineData("0", false)]
    [InlineData("7", true)]
    [InlineData("''", false)]
    [InlineData("'x'", true)]
    [InlineData("empty", false)]
    [InlineData("nothing", false)]
    [InlineData("backends", true)]
    [InlineData("[]", false)]
    [InlineData("['']", true)]
    [InlineData("()", false)]
    public void Evaluate_SingleValue_UsesPythonTruthiness(string text, bool expected) =>
        Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("arch == \"x86_64\"", true)]
    [InlineData("arch == 'x86_64'", true)]
    [InlineData("arch != 'x86_64'", false)]
    [InlineData("arch == 'aarch64'", false)]
    [InlineData("debug == True", true)]
    [InlineData("debug == true", true)]
    [InlineData("debug == 'True'", false)]
    [InlineData("debug != 'True'", true)]
    [InlineData("debug == 1", true)]
    [InlineData("release == 0", true)]
    [InlineData("'1' == 1", false)]
    [InlineData("backends == ['wayland', 'x11']", true)]
    [InlineData("backends == ['x11', 'wayland']", false)]
    [InlineData("None == None", true)]
    [InlineData("1 < 2", true)]
    [InlineData("'b' >= 'a'", true)]
    [InlineData("1 < 2 < 3", true)]
    [InlineData("1 < 3 < 2", false)]
    [InlineData("1 == 1 == 1", true)]
    public void Evaluate_Comparison_FollowsPythonEquality(string text, bool expected) =>
        Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("'x11' in backends", true)]
    [InlineData("\"gtk\" in backends", false)]
    [InlineData("'gtk' not in backends", true)]
    [InlineData("'x11' not in backends", false)]
    [InlineData("'86' in arch", true)]
    [InlineData("'' in arch", true)]
    [InlineData("'arm' in arch", false)]
    [InlineData("arch in ['x86_64', 'i686']", true)]
    [InlineData("arch in ('x86_64', 'i686')", true)]
    [InlineData("arch in ('x86_64',)", true)]
    [InlineData("arch not in ['aarch64']", true)]
    [InlineData("'x11' in nothing", false)]
    [InlineData("1 in [True]", true)]
    public void Evaluate_Membership_TestsListsAndSubstrings(string text, bool expected) =>
        Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("debug and release", false)]
    [InlineData("debug or release", true)]
    [InlineData("not debug", false)]
    [InlineData("not not debug", true)]
    [InlineData("not release and debug", true)]
    [InlineData("release and debug or debug", true)]
    [InlineData("release and (debug or debug)", false)]
    [InlineData("debug or release and release", true)]
    [InlineData("(debug or release) and release", false)]
    [InlineData("not arch == 'aarch64'", true)]
    [InlineData("not 'x11' in backends", false)]
    [InlineData("(debug and 'x11' in backends)", true)]
    [InlineData("arch == 'x86_64' and 'wayland' in backends and not release", true)]
    [InlineData("empty or 'fallback'", true)]
    [InlineData("(empty or 'fallback') == 'fallback'", true)]
    [InlineData("(debug and arch) == 'x86_64'", true)]
    [InlineData("(release and arch) == False", true)]
    public void Evaluate_Logic_HonoursPrecedenceAndShortCircuit(string text, bool expected) =>
        Assert.Equal(expected, Eval(text));

    [Theory]
    [InlineData("arch == \"it's\"", "it's")]
    [InlineData("arch == 'a\\'b'", "a'b")]
    [InlineData("arch == \"a\\\"b\"", "a\"b")]
    [InlineData("arch == 'a\\\\b'", "a\\b")]
    public void Evaluate_QuotedStrings_Unescape(string text, string value)
    {
        var names = new Dictionary<string, ExpressionValue> { ["arch"] = ExpressionValue.FromString(value) };
        Assert.True(Expression.Parse(text, At).Evaluate(names, At));
    }

    [Fact]
    public void Evaluate_ShortCircuit_SkipsUndefinedRightOperand() => Assert.True(Eval("debug or undefined_name"));

    [Fact]
    public void Parse_SameText_ReturnsCachedTree() =>
        Assert.Same(Expression.Parse("debug and not release", At), Expression.Parse("debug and not release", At));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("debug ==")]
    [InlineData("debug and")]
    [InlineData("== debug")]
    [InlineData("(debug")]
    [InlineData("debug)")]
    [InlineData("['a', 'b'")]
    [InlineData("'unterminated")]
    [InlineData("debug = True")]
    [InlineData("debug && release")]
    [InlineData("debug release")]
    [InlineData("arch-name == 'x'")]
    [InlineData("1abc")]
    [InlineData("not")]
    [InlineData("a in")]
    [InlineData("99999999999999999999")]
    public void Parse_SyntaxError_ThrowsInvalidExpressionAtProvenance(string text)
    {
        var e = Assert.Throws<LoadException>(() => Expression.Parse(text, At));
        Assert.Equal(ErrorReason.InvalidExpression, e.Reason);
        Assert.Equal(At, e.Provenance);
    }

    [Fact]
    public void Parse_SyntaxErrorTwice_ThrowsEachTimeWithItsOwnProvenance()
    {
        var other = new Provenance("other.bst", 9, 2);
        Assert.Throws<LoadException>(() => Expression.Parse("debug ==", At));
        var e = Assert.Throws<LoadException>(() => Expression.Parse("debug ==", other));
        Assert.Equal(other, e.Provenance);
    }

    [Theory]
    [InlineData("undefined_name")]
    [InlineData("debug and undefined_name")]
    [InlineData("'x' in debug")]
    [InlineData("1 in arch")]
    [InlineData("arch < 1")]
    [InlineData("backends < backends")]
    public void Evaluate_UnknownNameOrTypeError_ThrowsInvalidExpressionAtProvenance(string text)
    {
        var e = Assert.Throws<LoadException>(() => Eval(text));
        Assert.Equal(ErrorReason.InvalidExpression, e.Reason);
        Assert.Equal(At, e.Provenance);
    }
}
