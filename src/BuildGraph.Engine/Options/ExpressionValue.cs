using System.Globalization;

namespace BuildGraph.Engine.Options;

/// <summary>
/// A value in a conditional expression, with the Python semantics Jinja2 gives it: bools are
/// numbers (<c>True == 1</c>), values of different types are never equal, and empty strings and
/// lists are false. Immutable.
/// </summary>
internal sealed class ExpressionValue
{
    public static readonly ExpressionValue None = new(ExpressionValueKind.None, 0, null, null);
    public static readonly ExpressionValue True = new(ExpressionValueKind.Bool, 1, null, null);
    public static readonly ExpressionValue False = new(ExpressionValueKind.Bool, 0, null, null);

    private readonly long _number;
    private readonly string? _text;
    private readonly IReadOnlyList<ExpressionValue>? _items;

    private ExpressionValue(ExpressionValueKind kind, long number, string? text, IReadOnlyList<ExpressionValue>? items)
    {
        Kind = kind;
        _number = number;
        _text = text;
        _items = items;
    }

    public ExpressionValueKind Kind { get; }

    public static ExpressionValue FromBool(bool value) => value ? True : False;

    public static ExpressionValue FromInt(long value) => new(ExpressionValueKind.Int, value, null, null);

    public static ExpressionValue FromString(string value) => new(ExpressionValueKind.String, 0, value, null);

    public static ExpressionValue FromList(IReadOnlyList<ExpressionValue> items) => new(ExpressionValueKind.List, 0, null, items);

    public static ExpressionValue FromStrings(IEnumerable<string> items) => FromList(items.Select(FromString).ToArray());

    private bool IsNumber => Kind is ExpressionValueKind.Bool or ExpressionValueKind.Int;

    public bool IsTruthy => Kind switch
    {
        ExpressionValueKind.Bool or ExpressionValueKind.Int => _number != 0,
        ExpressionValueKind.String => _text!.Length > 0,
        ExpressionValueKind.List => _items!.Count > 0,
        _ => false,
    };

    /// <summary>Python's <c>==</c>.</summary>
    public bool EqualsValue(ExpressionValue other)
    {
        if (IsNumber && other.IsNumber)
            return _number == other._number;
        if (Kind != other.Kind)
            return false;
        return Kind switch
        {
            ExpressionValueKind.String => string.Equals(_text, other._text, StringComparison.Ordinal),
            ExpressionValueKind.List => _items!.Count == other._items!.Count
                && _items.Zip(other._items).All(pair => pair.First.EqualsValue(pair.Second)),
            _ => true, // None == None
        };
    }

    /// <summary>Python's <c>item in this</c>: substring for strings, membership for lists.</summary>
    public bool ContainsValue(ExpressionValue item)
    {
        switch (Kind)
        {
            case ExpressionValueKind.String:
                if (item.Kind != ExpressionValueKind.String)
                    throw new ExpressionException($"'in <string>' requires a string as left operand, not {item.TypeName}");
                return _text!.Contains(item._text!, StringComparison.Ordinal);
            case ExpressionValueKind.List:
                return _items!.Any(item.EqualsValue);
            default:
                throw new ExpressionException($"argument of type '{TypeName}' is not iterable");
        }
    }

    /// <summary>Python's ordering (<c>&lt;</c> and friends) for numbers and strings: negative, zero or positive.</summary>
    public int CompareTo(ExpressionValue other, string op)
    {
        if (IsNumber && other.IsNumber)
            return _number.CompareTo(other._number);
        if (Kind == ExpressionValueKind.String && other.Kind == ExpressionValueKind.String)
            return string.CompareOrdinal(_text, other._text);
        throw new ExpressionException($"'{op}' not supported between instances of '{TypeName}' and '{other.TypeName}'");
    }

    public string TypeName => Kind switch
    {
        ExpressionValueKind.Bool => "bool",
        ExpressionValueKind.Int => "int",
        ExpressionValueKind.String => "str",
        ExpressionValueKind.List => "list",
        _ => "NoneType",
    };

    /// <summary>Python's <c>repr</c>, for messages.</summary>
    public override string ToString() => Kind switch
    {
        ExpressionValueKind.Bool => _number != 0 ? "True" : "False",
        ExpressionValueKind.Int => _number.ToString(CultureInfo.InvariantCulture),
        ExpressionValueKind.String => $"'{_text}'",
        ExpressionValueKind.List => $"[{string.Join(", ", _items!)}]",
        _ => "None",
    };
}
