namespace BuildGraph.Engine.Options;

internal sealed class NotExpression(ExpressionNode operand) : ExpressionNode
{
    public override ExpressionValue Evaluate(IReadOnlyDictionary<string, ExpressionValue> names) =>
        ExpressionValue.FromBool(!operand.Evaluate(names).IsTruthy);
}
