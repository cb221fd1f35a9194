namespace BuildGraph.Engine.Options;

/// <summary>An option name; undefined names are errors (Jinja2's StrictUndefined).</summary>
internal sealed class NameExpression(string name) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReadOnlyDictionary<string, ExpressionValue> names) =>
        names.TryGetValue(name, out var value) ? value : throw new ExpressionException($"'{name}' is undefined");
}
