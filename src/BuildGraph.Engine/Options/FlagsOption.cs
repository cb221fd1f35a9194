using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>
/// A <c>flags</c> option: a list drawn from <c>values</c>, default <c>[]</c>. A declared default
/// keeps its order; values set later are sorted. Exported comma-joined.
/// </summary>
internal class FlagsOption : Option
{
    private readonly IReadOnlyList<string> _allowed;
    private readonly HashSet<string> _allowedSet;
    private List<string> _current = [];

    public FlagsOption(string name, MappingNode definition) : this(name, definition, allowedValues: null)
    {
    }

    /// <summary>For subclasses whose valid values are computed, not declared.</summary>
    protected FlagsOption(string name, MappingNode definition, Func<IReadOnlyList<string>>? allowedValues)
        : base(name, definition, allowedValues is null ? ["values", "default"] : ["default"])
    {
        _allowed = allowedValues is null ? definition.GetStringList("values") : allowedValues();
        _allowedSet = new HashSet<string>(_allowed, StringComparer.Ordinal);
        if (_allowed.Count == 0)
            throw new LoadException(ErrorReason.InvalidData, definition.Provenance,
                $"No values specified for {TypeName} option '{name}'");
        if (definition.TryGetSequence("default") is { } defaults)
            _current = ReadList(defaults);
    }

    public override string TypeName => "flags";

    public override ExpressionValue Value => ExpressionValue.FromStrings(_current);

    public override string ExportedValue => string.Join(",", _current);

    /// <summary>A comma-separated list; whitespace is ignored and an empty string means no flags.</summary>
    public override void SetValue(string value, Provenance at, bool fromCommandLine)
    {
        var stripped = string.Concat(value.Where(c => !char.IsWhiteSpace(c)));
        List<string> flags = stripped.Length == 0 ? [] : stripped.Split(',').ToList();
        foreach (var flag in flags)
            Validate(flag, at);
        _current = Sorted(flags);
    }

    public override void SetValue(Node value)
    {
        switch (value)
        {
            case SequenceNode list:
                _current = Sorted(ReadList(list));
                break;
            case ScalarNode scalar:
                SetValue(scalar.Value, scalar.Provenance, fromCommandLine: false);
                break;
            default:
                throw new LoadException(ErrorReason.InvalidOption, value.Provenance,
                    $"Value for {TypeName} option '{Name}' must be a list, found a {value.TypeName}");
        }
    }

    private List<string> ReadList(SequenceNode list)
    {
        var flags = new List<string>(list.Count);
        foreach (var item in list.Items)
        {
            var scalar = RequireScalar(item);
            Validate(scalar.Value, scalar.Provenance);
            flags.Add(scalar.Value);
        }
        return flags;
    }

    private void Validate(string flag, Provenance at)
    {
        if (!_allowedSet.Contains(flag))
            throw InvalidValue(at, flag, _allowed.ToArray());
    }

    private static List<string> Sorted(List<string> flags)
    {
        flags.Sort(StringComparer.Ordinal);
        return flags;
    }
}
