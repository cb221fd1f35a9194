using BuildGraph.Engine.Variables;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tests.Variables;

public class VariableSetTests
{
    private static VariableSet Resolve(string yaml) =>
        VariableSet.Resolve(YamlLoader.LoadString(yaml, "test.bst"));

    [Fact]
    public void Resolve_LiteralValue_ReturnsValue()
    {
        var vars = Resolve("prefix: /usr\n");

        Assert.Equal("/usr", vars["prefix"]);
    }

    [Fact]
    public void Resolve_SimpleReference_Substitutes()
    {
        var vars = Resolve("prefix: /usr\nbindir: \"%{prefix}/bin\"\n");

        Assert.Equal("/usr/bin", vars["bindir"]);
    }

    [Fact]
    public void Resolve_NestedReferences_SubstitutesTransitively()
    {
        var vars = Resolve("""
            prefix: /usr
            libdir: "%{prefix}/lib"
            pkgdir: "%{libdir}/pkgconfig"
            both: "%{pkgdir}:%{libdir}:%{prefix}"
            """);

        Assert.Equal("/usr/lib/pkgconfig", vars["pkgdir"]);
        Assert.Equal("/usr/lib/pkgconfig:/usr/lib:/usr", vars["both"]);
    }

    [Fact]
    public void Resolve_ReferenceBeforeDefinition_IsOrderIndependent()
    {
        var vars = Resolve("""
            c: "%{b}-c"
            b: "%{a}-b"
            a: a
            """);

        Assert.Equal("a-b-c", vars["c"]);
        Assert.Equal("a-b", vars["b"]);
    }

    [Theory]
    [InlineData("%{ x}")]
    [InlineData("%{1a}")]
    [InlineData("%{x")]
    [InlineData("%{")]
    [InlineData("%{}")]
    [InlineData("%{x y}")]
    [InlineData("${x}")]
    [InlineData("$x %x {x} %")]
    public void Resolve_NonVariableSyntax_StaysLiteral(string text)
    {
        var vars = Resolve($"x: X\nv: '{text}'\n");

        Assert.Equal(text, vars["v"]);
    }

    [Fact]
    public void Resolve_NameWithDashesUnderscoresDigits_Substitutes()
    {
        var vars = Resolve("a-b_C9: ok\nv: \"[%{a-b_C9}]\"\n");

        Assert.Equal("[ok]", vars["v"]);
    }

    [Fact]
    public void Resolve_DoublePercent_KeepsOnePercentThenValue()
    {
        var vars = Resolve("x: X\nv: \"%%{x}\"\n");

        Assert.Equal("%X", vars["v"]);
    }

    [Fact]
    public void Resolve_BrokenReferenceBeforeValidOne_SubstitutesValidOne()
    {
        var vars = Resolve("x: X\nv: \"%{%{x}}\"\n");

        Assert.Equal("%{X}", vars["v"]);
    }

    [Fact]
    public void Resolve_SubstitutedTextLooksLikeReference_IsNotReexpanded()
    {
        var vars = Resolve("""
            pct: "%"
            x: X
            v: "%{pct}{x}"
            inner: "%{x}"
            quoted: "%{pct}{inner}"
            """);

        Assert.Equal("%{x}", vars["v"]);
        Assert.Equal("%{inner}", vars["quoted"]);
    }

    [Fact]
    public void Resolve_UndefinedReference_ThrowsUnresolvedAtReferencingValue()
    {
        var mapping = YamlLoader.LoadString("a: ok\nb: \"x %{missing}\"\n", "test.bst");

        var e = Assert.Throws<LoadException>(() => VariableSet.Resolve(mapping));

        Assert.Equal(ErrorDomain.Load, e.Domain);
        Assert.Equal(ErrorReason.UnresolvedVariable, e.Reason);
        Assert.Equal(mapping["b"]!.Provenance, e.Provenance);
        Assert.Equal(new Provenance("test.bst", 2, 4), e.Provenance);
    }

    [Fact]
    public void Resolve_UnusedVariableWithUndefinedReference_StillThrows()
    {
        var e = Assert.Throws<LoadException>(() => Resolve("unused: \"%{nope}\"\nused: ok\n"));

        Assert.Equal(ErrorReason.UnresolvedVariable, e.Reason);
        Assert.Equal(1, e.Provenance?.Line);
    }

    [Fact]
    public void Resolve_SelfReference_ThrowsCircular()
    {
        var e = Assert.Throws<LoadException>(() => Resolve("ok: fine\na: \"x%{a}\"\n"));

        Assert.Equal(ErrorReason.CircularReferenceVariable, e.Reason);
        Assert.Equal(new Provenance("test.bst", 2, 4), e.Provenance);
        Assert.Contains("a -> a", e.Message);
    }

    [Fact]
    public void Resolve_ThreeCycle_ThrowsCircularNamingChain()
    {
        var mapping = YamlLoader.LoadString("""
            start: "%{a}"
            a: "%{b}"
            b: "1%{c}"
            c: "%{a}2"
            """, "test.bst");

        var e = Assert.Throws<LoadException>(() => VariableSet.Resolve(mapping));

        Assert.Equal(ErrorReason.CircularReferenceVariable, e.Reason);
        Assert.Contains(e.Provenance!.Value, new[] { mapping["a"]!.Provenance, mapping["b"]!.Provenance, mapping["c"]!.Provenance });
        Assert.Contains("a -> b -> c -> a", e.Message);
        Assert.DoesNotContain("start", e.Message);
        Assert.Contains("line 4", e.Detail);
    }

    [Fact]
    public void Resolve_NonScalarValue_ThrowsInvalidDataAtValue()
    {
        var mapping = YamlLoader.LoadString("a: ok\nb:\n  - x\n", "test.bst");

        var e = Assert.Throws<LoadException>(() => VariableSet.Resolve(mapping));

        Assert.Equal(ErrorReason.InvalidData, e.Reason);
        Assert.Equal(mapping["b"]!.Provenance, e.Provenance);
        Assert.Equal(3, e.Provenance?.Line);
    }

    [Fact]
    public void Resolve_EmptyMapping_IsEmpty()
    {
        var vars = Resolve("");

        Assert.Equal(0, vars.Count);
        Assert.Empty(vars.All);
    }
}
