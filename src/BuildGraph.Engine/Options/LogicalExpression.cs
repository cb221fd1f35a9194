namespace BuildGraph.Engine.Options;

/// <summary>
/// <c>and</c> / <c>or</c> with Python's short-circuit semantics: the result is the deciding operand
/// itself, not a bool (<c>"" or "x"</c> is <c>"x"</c>).
/// </summary>
internal sealed class LogicalExpression(ExpressionNode left, ExpressionNode right, bool isAnd) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReadOnlyDictionary<string, ExpressionValue> names)
    {
        var first = left.Evaluate(names);
        return first.IsTruthy == isAnd ? right.Evaluate(names) : first;
    }
}
