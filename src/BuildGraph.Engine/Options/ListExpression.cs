namespace BuildGraph.Engine.Options;

/// <summary>A list literal <c>[a, b]</c> or tuple <c>(a, b)</c>; both behave as lists here.</summary>
internal sealed class ListExpression(IReadOnlyList<ExpressionNode> items) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReadOnlyDictionary<string, ExpressionValue> names)
    {
        var values = new ExpressionValue[items.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = items[i].Evaluate(names);
        return ExpressionValue.FromList(values);
    }
}
