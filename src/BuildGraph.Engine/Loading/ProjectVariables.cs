using BuildGraph.Engine.Variables;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>Expansion with a project's own variables, for files included from a junction.</summary>
internal static class ProjectVariables
{
    public static Node ExpandWithProjectVariables(Project project, Node node)
    {
        var variables = (MappingNode)project.BaseVariables.Clone();
        // Project-level variables may refer to per-element ones; give those neutral values.
        variables.Set("element-name", new ScalarNode("", variables.Provenance));
        return VariableSet.Resolve(variables).ExpandNode(node);
    }
}
