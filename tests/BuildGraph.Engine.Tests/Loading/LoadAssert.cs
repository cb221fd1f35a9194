using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Tests.Loading;

/// <summary>Assertions on load errors and loaded values shared by the loader tests.</summary>
internal static class LoadAssert
{
    /// <summary>Asserts <paramref name="action"/> fails with a load error of <paramref name="reason"/> at the given place.</summary>
    public static LoadException Fails(ErrorReason reason, string file, int line, int column, Action action)
    {
        var e = Fails(reason, action);
        Assert.Equal(new Provenance(file, line, column), e.Provenance);
        return e;
    }

    /// <summary>Asserts <paramref name="action"/> fails with a load error of <paramref name="reason"/>.</summary>
    public static LoadException Fails(ErrorReason reason, Action action)
    {
        var e = Assert.Throws<LoadException>(action);
        Assert.Equal(ErrorDomain.Load, e.Domain);
        Assert.Equal(reason, e.Reason);
        return e;
    }

    /// <summary>A command list of the element's (expanded) config.</summary>
    public static List<string> Commands(Element element, string list) =>
        Assert.IsType<SequenceNode>(element.Config[list]).AsStrings();

    public static string Env(Element element, string name) =>
        Assert.IsType<ScalarNode>(element.Environment[name]).Value;

    public static List<string> Names(IEnumerable<Element> elements) => elements.Select(e => e.FullName).ToList();
}
