using System.Collections.Concurrent;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>
/// A conditional expression (a Jinja2 <c>if</c> expression over option values), parsed once and
/// cached by its text, since thousands of elements repeat the same few expressions. Thread-safe.
/// </summary>
internal sealed class Expression
{
    private static readonly ConcurrentDictionary<string, Expression> Cache = new(StringComparer.Ordinal);

    private readonly ExpressionNode? _root;
    private readonly string? _syntaxError;

    private Expression(string text, ExpressionNode? root, string? syntaxError)
    {
        Text = text;
        _root = root;
        _syntaxError = syntaxError;
    }

    public string Text { get; }

    /// <summary>
    /// The parsed form of <paramref name="text"/>; a syntax error throws
    /// <see cref="ErrorReason.InvalidExpression"/> at <paramref name="at"/>.
    /// </summary>
    public static Expression Parse(string text, Provenance at)
    {
        var expression = Cache.GetOrAdd(text, Create);
        if (expression._syntaxError is { } error)
            throw new LoadException(ErrorReason.InvalidExpression, at,
                $"Invalid expression '{text}': {error}",
                "Conditions are Jinja2 expressions: option names, quoted strings, True/False, ==, !=, in, not in, and, or, not and parentheses.");
        return expression;
    }

    /// <summary>
    /// Evaluates to the truthiness of the result; an unknown name or a type error throws
    /// <see cref="ErrorReason.InvalidExpression"/> at <paramref name="at"/>.
    /// </summary>
    public bool Evaluate(IReadOnlyDictionary<string, ExpressionValue> names, Provenance at)
    {
        try
        {
            return _root!.Evaluate(names).IsTruthy;
        }
        catch (ExpressionException e)
        {
            throw new LoadException(ErrorReason.InvalidExpression, at,
                $"Failed to evaluate expression '{Text}': {e.Message}",
                names.Count == 0 ? "This project declares no options." : $"Declared options: {string.Join(", ", names.Keys)}");
        }
    }

    private static Expression Create(string text)
    {
        try
        {
            return new Expression(text, ExpressionParser.Parse(text), null);
        }
        catch (ExpressionException e)
        {
            return new Expression(text, null, e.Message);
        }
    }
}
