namespace BuildGraph.Engine.Options;

/// <summary>
/// A comparison chain such as <c>a == b</c> or <c>a &lt; b &lt;= c</c>, which like Python means
/// <c>a &lt; b and b &lt;= c</c>, each operand evaluated at most once.
/// </summary>
internal sealed class CompareExpression(ExpressionNode first, IReadOnlyList<(CompareOperator Op, ExpressionNode Operand)> rest)
    : ExpressionNode
{
    public override ExpressionValue Evaluate(IReadOnlyDictionary<string, ExpressionValue> names)
    {
        var left = first.Evaluate(names);
        foreach (var (op, operand) in rest)
        {
            var right = operand.Evaluate(names);
            if (!Compare(op, left, right))
                return ExpressionValue.False;
            left = right;
        }
        return ExpressionValue.True;
    }

    private static bool Compare(CompareOperator op, ExpressionValue left, ExpressionValue right) => op switch
    {
        CompareOperator.Equal => left.EqualsValue(right),
        CompareOperator.NotEqual => !left.EqualsValue(right),
        CompareOperator.Less => left.CompareTo(right, "<") < 0,
        CompareOperator.LessOrEqual => left.CompareTo(right, "<=") <= 0,
        CompareOperator.Greater => left.CompareTo(right, ">") > 0,
        CompareOperator.GreaterOrEqual => left.CompareTo(right, ">=") >= 0,
        CompareOperator.In => right.ContainsValue(left),
        CompareOperator.NotIn => !right.ContainsValue(left),
        _ => throw new InvalidOperationException($"Unknown comparison {op}"),
    };
}
