using System.Text;

namespace BuildGraph.Engine.Options;

/// <summary>Splits a Jinja2 expression into tokens: names, quoted strings, integers and operators.</summary>
internal static class ExpressionLexer
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ","];

    public static List<ExpressionToken> Tokenize(string text)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (IsNameStart(c))
            {
                var start = i;
                while (i < text.Length && IsNamePart(text[i]))
                    i++;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Name, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
                if (i < text.Length && IsNamePart(text[i]))
                    throw new ExpressionException($"invalid number at offset {start}");
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Integer, text[start..i], start));
            }
            else if (c is '"' or '\'')
            {
                var start = i;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.String, ReadString(text, ref i), start));
            }
            else
            {
                var op = Array.Find(Operators, o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                    ?? throw new ExpressionException($"unexpected character '{c}' at offset {i}");
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Operator, op, i));
                i += op.Length;
            }
        }
        tokens.Add(new ExpressionToken(ExpressionTokenKind.End, "", text.Length));
        return tokens;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static string ReadString(string text, ref int i)
    {
        var quote = text[i];
        var start = i++;
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] switch
                {
                    'n' => "\n",
                    't' => "\t",
                    '\\' or '\'' or '"' => text[i].ToString(),
                    var other => "\\" + other, // Python keeps unknown escapes as written
                });
            }
            else
            {
                value.Append(text[i]);
            }
            i++;
        }
        if (i >= text.Length)
            throw new ExpressionException($"unterminated string starting at offset {start}");
        i++; // closing quote
        return value.ToString();
    }
}
