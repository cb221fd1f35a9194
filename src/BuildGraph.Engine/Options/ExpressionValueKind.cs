namespace BuildGraph.Engine.Options;

/// <summary>The Python type an <see cref="ExpressionValue"/> stands for.</summary>
internal enum ExpressionValueKind
{
    None,
    Bool,
    Int,
    String,
    List,
}
