using BuildGraph.Abstractions;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

internal sealed class ElementContext(Element element, IReadOnlyList<DependencyDeclaration> dependencies, Warnings warnings) : IElementContext
{
    public string ElementName => element.FullName;
    public Provenance Provenance => element.Provenance;
    public string ProjectName => element.Project.Name;
    public IReadOnlyList<DependencyDeclaration> Dependencies => dependencies;
    public int SourceCount => element.Sources.Count;
    public string? GetVariable(string name) => element.Variables.TryGet(name);
    public void Warn(string token, Provenance at, string message) => warnings.Report(element.Project, token, at, message);
}
