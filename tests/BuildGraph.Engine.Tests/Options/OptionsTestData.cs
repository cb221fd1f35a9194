using BuildGraph.Engine.Options;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tests.Options;

/// <summary>Builds option pools from YAML text, with a fixed host so defaults do not depend on the machine.</summary>
internal static class OptionsTestData
{
    public static readonly HostPlatform X86Linux = new("x86-64", "Linux");

    public static readonly Provenance CommandLine = Provenance.Unknown("command line");

    public static MappingNode ParseYaml(string text) => YamlLoader.LoadString(text, "test.bst");

    public static OptionPool Declare(string optionsYaml, HostPlatform? host = null, Func<IReadOnlyList<string>>? elements = null)
    {
        var pool = new OptionPool(elements, host ?? X86Linux);
        pool.Declare(ParseYaml(optionsYaml));
        return pool;
    }

    public static OptionPool Resolved(string optionsYaml, HostPlatform? host = null, Func<IReadOnlyList<string>>? elements = null)
    {
        var pool = Declare(optionsYaml, host, elements);
        pool.Resolve();
        return pool;
    }

    public static string Value(OptionPool pool, string name) =>
        pool.PrintableValues.Single(v => v.Key == name).Value;

    public static void AssertError(ErrorReason reason, int line, int column, Action action)
    {
        var e = Assert.Throws<LoadException>(action);
        Assert.Equal(ErrorDomain.Load, e.Domain);
        Assert.Equal(reason, e.Reason);
        Assert.Equal(new Provenance("test.bst", line, column), e.Provenance);
    }
}
