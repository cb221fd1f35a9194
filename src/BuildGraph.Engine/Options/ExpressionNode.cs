namespace BuildGraph.Engine.Options;

/// <summary>A node of a parsed expression tree. Immutable, so shared trees are safe across threads.</summary>
internal abstract class ExpressionNode
{
    /// <summary>Evaluates against option values; throws <see cref="ExpressionException"/> on unknown names or type errors.</summary>
    public abstract ExpressionValue Evaluate(IReadOnlyDictionary<string, ExpressionValue> names);
}
