using System.Globalization;

namespace BuildGraph.Engine.Options;

/// <summary>
/// Recursive-descent parser for the subset of Jinja2 expressions BuildStream conditionals use,
/// with Jinja2's precedence: <c>or</c> &lt; <c>and</c> &lt; <c>not</c> &lt; comparisons &lt; primaries.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly List<ExpressionToken> _tokens;
    private int _position;

    private ExpressionParser(List<ExpressionToken> tokens) => _tokens = tokens;

    private ExpressionToken Current => _tokens[_position];

    /// <summary>Parses a whole expression; throws <see cref="ExpressionException"/> on a syntax error.</summary>
    public static ExpressionNode Parse(string text)
    {
        var parser = new ExpressionParser(ExpressionLexer.Tokenize(text));
        if (parser.Current.Kind == ExpressionTokenKind.End)
            throw new ExpressionException("the expression is empty");
        var root = parser.ParseOr();
        if (parser.Current.Kind != ExpressionTokenKind.End)
            throw new ExpressionException($"unexpected {parser.Current.Describe()}");
        return root;
    }

    private ExpressionToken Next() => _tokens[_position++];

    private bool Accept(Func<ExpressionToken, bool> match)
    {
        if (!match(Current))
            return false;
        _position++;
        return true;
    }

    private void Expect(string op)
    {
        if (!Accept(t => t.IsOperator(op)))
            throw new ExpressionException($"expected '{op}', found {Current.Describe()}");
    }

    private ExpressionNode ParseOr()
    {
        var left = ParseAnd();
        while (Accept(t => t.IsKeyword("or")))
            left = new LogicalExpression(left, ParseAnd(), isAnd: false);
        return left;
    }

    private ExpressionNode ParseAnd()
    {
        var left = ParseNot();
        while (Accept(t => t.IsKeyword("and")))
            left = new LogicalExpression(left, ParseNot(), isAnd: true);
        return left;
    }

    private ExpressionNode ParseNot() =>
        Accept(t => t.IsKeyword("not")) ? new NotExpression(ParseNot()) : ParseCompare();

    private ExpressionNode ParseCompare()
    {
        var first = ParsePrimary();
        var rest = new List<(CompareOperator, ExpressionNode)>();
        while (TryCompareOperator(out var op))
            rest.Add((op, ParsePrimary()));
        return rest.Count == 0 ? first : new CompareExpression(first, rest);
    }

    private bool TryCompareOperator(out CompareOperator op)
    {
        var token = Current;
        op = token.Kind switch
        {
            ExpressionTokenKind.Operator => token.Text switch
            {
                "==" => CompareOperator.Equal,
                "!=" => CompareOperator.NotEqual,
                "<" => CompareOperator.Less,
                "<=" => CompareOperator.LessOrEqual,
                ">" => CompareOperator.Greater,
                ">=" => CompareOperator.GreaterOrEqual,
                _ => (CompareOperator)(-1),
            },
            ExpressionTokenKind.Name when token.Text == "in" => CompareOperator.In,
            ExpressionTokenKind.Name when token.Text == "not" && _tokens[_position + 1].IsKeyword("in") => CompareOperator.NotIn,
            _ => (CompareOperator)(-1),
        };
        if (op < 0)
            return false;
        _position += op == CompareOperator.NotIn ? 2 : 1;
        return true;
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case ExpressionTokenKind.String:
                return new LiteralExpression(ExpressionValue.FromString(token.Text));
            case ExpressionTokenKind.Integer:
                if (!long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    throw new ExpressionException($"integer {token.Text} is too large");
                return new LiteralExpression(ExpressionValue.FromInt(number));
            case ExpressionTokenKind.Name:
                return token.Text switch
                {
                    "True" or "true" => new LiteralExpression(ExpressionValue.True),
                    "False" or "false" => new LiteralExpression(ExpressionValue.False),
                    "None" or "none" => new LiteralExpression(ExpressionValue.None),
                    "and" or "or" or "not" or "in" or "is" or "if" or "else" =>
                        throw new ExpressionException($"unexpected keyword {token.Describe()}"),
                    _ => new NameExpression(token.Text),
                };
            case ExpressionTokenKind.Operator when token.Text == "[":
                return new ListExpression(ParseItems("]"));
            case ExpressionTokenKind.Operator when token.Text == "(":
                return ParseParenthesis();
            default:
                throw new ExpressionException($"unexpected {token.Describe()}");
        }
    }

    // "(x)" groups; "(x,)", "(x, y)" and "()" are tuples, which act as lists.
    private ExpressionNode ParseParenthesis()
    {
        if (Accept(t => t.IsOperator(")")))
            return new ListExpression([]);
        var first = ParseOr();
        if (Accept(t => t.IsOperator(")")))
            return first;
        Expect(",");
        var items = new List<ExpressionNode> { first };
        items.AddRange(ParseItems(")"));
        return new ListExpression(items);
    }

    // Comma-separated expressions up to the closing bracket; a trailing comma is allowed.
    private List<ExpressionNode> ParseItems(string close)
    {
        var items = new List<ExpressionNode>();
        while (!Accept(t => t.IsOperator(close)))
        {
            items.Add(ParseOr());
            if (!Accept(t => t.IsOperator(",")))
            {
                Expect(close);
                break;
            }
        }
        return items;
    }
}
