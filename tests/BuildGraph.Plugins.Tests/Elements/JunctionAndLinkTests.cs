using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Elements;

public class JunctionAndLinkTests
{
    [Fact]
    public void Configure_JunctionFullConfig_Succeeds()
    {
        var element = KindTest.Configure("junction", """
            kind: junction
            config:
              path: sub
              options:
                arch: x86_64
              overrides:
                base.bst: local-base.bst
              aliases:
                upstream: github
              map-aliases: identity
            """);

        Assert.Equal(1, element.GetUniqueKey().GetValue<int>());
    }

    [Fact]
    public void Configure_JunctionUnknownMapAliases_FailsAtTheValue()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.Configure("junction", """
            kind: junction
            config:
              map-aliases: all
            """));

        KindTest.AssertAt(e, ErrorReason.InvalidData, 3, 16);
    }

    [Fact]
    public void Configure_JunctionOverridingWithItself_FailsAtTheValue()
    {
        var context = new FakeElementContext { ElementName = "sdk.bst" };

        var e = Assert.Throws<LoadException>(() => KindTest.Configure("junction", """
            kind: junction
            config:
              overrides:
                nested.bst: sdk.bst
            """, context));

        KindTest.AssertAt(e, ErrorReason.InvalidJunction, 4, 17);
    }

    [Fact]
    public void Configure_JunctionOptionsNotAMapping_FailsAtTheValue()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.Configure("junction", """
            kind: junction
            config:
              options: [a]
            """));

        KindTest.AssertAt(e, ErrorReason.InvalidData, 3, 12);
    }

    [Fact]
    public void Configure_LinkWithoutTarget_FailsMissingKey()
    {
        var e = Assert.Throws<LoadException>(() => KindTest.Configure("link", "kind: link"));

        Assert.Equal(ErrorReason.MissingKey, e.Reason);
    }

    [Fact]
    public void Traits_JunctionAndLink_AreMarked()
    {
        Assert.Equal(ElementTraits.Junction | ElementTraits.ForbidsDependencies, KindTest.Element("junction").Traits);
        Assert.Equal(ElementTraits.Link | ElementTraits.ForbidsDependencies | ElementTraits.ForbidsSources,
            KindTest.Element("link").Traits);
        Assert.Equal(ElementTraits.RequiresSources, KindTest.Element("import").Traits);
        Assert.Equal(1, KindTest.Element("filter").Version);
    }
}
