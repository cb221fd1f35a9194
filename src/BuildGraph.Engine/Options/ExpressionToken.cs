namespace BuildGraph.Engine.Options;

/// <summary>One lexical token: its kind, its text (unescaped for strings) and its offset in the expression.</summary>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, string Text, int Offset)
{
    public bool Is(ExpressionTokenKind kind, string text) =>
        Kind == kind && string.Equals(Text, text, StringComparison.Ordinal);

    public bool IsOperator(string text) => Is(ExpressionTokenKind.Operator, text);

    public bool IsKeyword(string text) => Is(ExpressionTokenKind.Name, text);

    public string Describe() => Kind == ExpressionTokenKind.End ? "end of expression" : $"'{Text}' at offset {Offset}";
}
