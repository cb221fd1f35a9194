using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Elements;

public class DependencyRuleTests
{
    [Theory]
    [InlineData("import")]
    [InlineData("stack")]
    [InlineData("compose")]
    [InlineData("filter")]
    public void Configure_DependencyConfigOnKindWithout_FailsAtTheConfig(string kind)
    {
        var context = new FakeElementContext().With("a.bst", DependencyType.Build, 7, "\n\nlocation: /x");
        if (kind == "stack")
            context.Dependencies[0] = context.Dependencies[0] with { Type = DependencyType.All };

        var e = Assert.Throws<LoadException>(() => KindTest.Configure(kind, $"kind: {kind}", context));

        KindTest.AssertAt(e, ErrorReason.InvalidDependencyConfig, 3, 1);
    }

    [Theory]
    [InlineData(DependencyType.Build)]
    [InlineData(DependencyType.Runtime)]
    public void Configure_StackWithTypedDependency_FailsAtTheDependency(DependencyType type)
    {
        var context = new FakeElementContext()
            .With("ok.bst", DependencyType.All, 4)
            .With("typed.bst", type, 5);

        var e = Assert.Throws<LoadException>(() => KindTest.Configure("stack", "kind: stack", context));

        KindTest.AssertAt(e, ErrorReason.InvalidDependencies, 5, 3);
    }

    [Theory]
    [InlineData("compose", DependencyType.All)]
    [InlineData("compose", DependencyType.Runtime)]
    [InlineData("script", DependencyType.All)]
    public void Configure_RuntimeDependencyOnBuildOnlyKind_FailsAtTheDependency(string kind, DependencyType type)
    {
        var context = new FakeElementContext()
            .With("ok.bst", DependencyType.Build, 4)
            .With("run.bst", type, 6);

        var e = Assert.Throws<LoadException>(() => KindTest.Configure(kind, $"kind: {kind}", context));

        KindTest.AssertAt(e, ErrorReason.InvalidDependencies, 6, 3);
    }

    [Fact]
    public void Configure_FilterWithoutBuildDependency_FailsAtTheElement()
    {
        var context = new FakeElementContext().With("run.bst", DependencyType.Runtime, 4);

        var e = Assert.Throws<LoadException>(() => KindTest.Configure("filter", "kind: filter", context));

        Assert.Equal(ErrorReason.InvalidDependencies, e.Reason);
        Assert.Equal(Provenance.Unknown(KindTest.File), e.Provenance);
    }

    [Fact]
    public void Configure_FilterWithTwoBuildDependencies_FailsAtTheSecond()
    {
        var context = new FakeElementContext()
            .With("a.bst", DependencyType.Build, 4)
            .With("b.bst", DependencyType.Build, 5);

        var e = Assert.Throws<LoadException>(() => KindTest.Configure("filter", "kind: filter", context));

        KindTest.AssertAt(e, ErrorReason.InvalidDependencies, 5, 3);
    }

    [Fact]
    public void Configure_FilterBuildDependencyAlsoRuntime_FailsAtTheDependency()
    {
        var context = new FakeElementContext().With("a.bst", DependencyType.All, 4);

        var e = Assert.Throws<LoadException>(() => KindTest.Configure("filter", "kind: filter", context));

        KindTest.AssertAt(e, ErrorReason.InvalidDependencies, 4, 3);
    }

    [Fact]
    public void Configure_FilterWithExtraRuntimeDependencies_Succeeds()
    {
        var context = new FakeElementContext()
            .With("run.bst", DependencyType.Runtime, 3)
            .With("base.bst", DependencyType.Build, 4);

        var element = KindTest.Configure("filter", "kind: filter", context);

        Assert.Equal(3, element.GetUniqueKey().AsObject().Count);
    }
}
