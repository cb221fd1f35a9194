namespace BuildGraph.Engine.Options;

internal enum ExpressionTokenKind
{
    Name,
    String,
    Integer,
    Operator,
    End,
}
