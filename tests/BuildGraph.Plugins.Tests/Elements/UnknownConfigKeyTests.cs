using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests.Elements;

public class UnknownConfigKeyTests
{
    public static TheoryData<string> CheckingKinds() =>
        new(BuiltinKinds.Elements.Keys.Where(k => k != "stack").Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CheckingKinds))]
    public void Configure_UnknownConfigKey_FailsAtTheKey(string kind)
    {
        var element = $"kind: {kind}\nconfig:\n  bogus: 1\n";

        var e = Assert.Throws<LoadException>(() => KindTest.Configure(kind, element));

        KindTest.AssertAt(e, ErrorReason.UnexpectedKey, 3, 3);
    }

    [Fact]
    public void Configure_StackWithConfig_IgnoresItAsBuildStreamDoes()
    {
        var element = KindTest.Configure("stack", "kind: stack\nconfig:\n  bogus: 1\n");

        Assert.Equal(1, element.GetUniqueKey().GetValue<int>());
    }

    [Theory]
    [InlineData("manual", "build-commands")]
    [InlineData("script", "commands")]
    [InlineData("make", "install-commands")]
    public void Configure_ListKeyGivenAString_FailsAtTheValue(string kind, string key)
    {
        // Straight to the kind: composing onto the defaults would already reject a string over a list.
        var config = YamlLoader.LoadString($"{key}: oops\n", KindTest.File);

        var e = Assert.Throws<LoadException>(() => KindTest.Element(kind).Configure(config, new FakeElementContext()));

        KindTest.AssertAt(e, ErrorReason.InvalidData, 1, 3 + key.Length);
    }
}
