using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>An <c>element-mask</c> option: flags whose valid values are every .bst path under element-path.</summary>
internal sealed class ElementMaskOption(string name, MappingNode definition, Func<IReadOnlyList<string>> elementPaths)
    : FlagsOption(name, definition, elementPaths)
{
    public override string TypeName => "element-mask";
}
