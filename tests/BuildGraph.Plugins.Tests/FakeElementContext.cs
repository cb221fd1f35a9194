using BuildGraph.Abstractions;
using BuildGraph.Yaml;

namespace BuildGraph.Plugins.Tests;

/// <summary>An element context whose dependencies and variables the test sets directly.</summary>
internal sealed class FakeElementContext : IElementContext
{
    public string ElementName { get; init; } = "x.bst";

    public Provenance Provenance { get; init; } = Provenance.Unknown(KindTest.File);

    public string ProjectName { get; init; } = "test";

    public List<DependencyDeclaration> Dependencies { get; } = new();

    IReadOnlyList<DependencyDeclaration> IElementContext.Dependencies => Dependencies;

    public int SourceCount { get; init; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public List<string> Warnings { get; } = new();

    public string? GetVariable(string name) => Variables.GetValueOrDefault(name);

    public void Warn(string token, Provenance at, string message) => Warnings.Add(token);

    /// <summary>Adds a dependency declared at <paramref name="line"/>, with configs parsed from YAML texts.</summary>
    public FakeElementContext With(string name, DependencyType type, int line = 0, params string[] configs)
    {
        var nodes = configs.Select(text => YamlLoader.LoadString(text, KindTest.File)).ToList();
        Dependencies.Add(new DependencyDeclaration(name, type, false, nodes, new Provenance(KindTest.File, line, 3)));
        return this;
    }
}
