namespace BuildGraph.Engine.Options;

/// <summary>A quoted string, integer, <c>True</c>/<c>False</c> or <c>None</c>.</summary>
internal sealed class LiteralExpression(ExpressionValue value) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReadOnlyDictionary<string, ExpressionValue> names) => value;
}
