using System.Text.Json.Nodes;
using BuildGraph.Abstractions;

namespace BuildGraph.Plugins.Elements;

/// <summary>A configured stack; every stack is the same.</summary>
internal sealed class StackElement : IElement
{
    public static readonly StackElement Instance = new();

    public IReadOnlyList<CommandGroup> Commands => [];

    public AssemblyPlan Assembly => new StackPlan();

    public JsonNode GetUniqueKey() => JsonValue.Create(1);
}
