using BuildGraph.Yaml;

namespace BuildGraph.Engine.Variables;

/// <summary>
/// Resolves every variable of one element, depth first with an explicit stack so that chains
/// thousands deep need no recursion. Each value is expanded once, after everything it refers to.
/// </summary>
internal sealed class VariableResolver
{
    private const byte Unvisited = 0;
    private const byte InProgress = 1;
    private const byte Done = 2;

    private readonly string[] _names;
    private readonly Template[] _templates;
    private readonly Provenance[] _provenances;
    private readonly string?[] _values;
    private readonly byte[] _state;

    // The variables referenced by variable i are _refs[_refStart[i].._refStart[i + 1]], in template
    // order, so each name is looked up once and resolution needs no dictionary.
    private readonly int[] _refs;
    private readonly int[] _refStart;

    private Frame[] _stack = new Frame[16];
    private int _depth;

    /// <exception cref="LoadException">UnresolvedVariable, for the first undefined reference in declaration order.</exception>
    public VariableResolver(string[] names, Template[] templates, Provenance[] provenances, Dictionary<string, int> index)
    {
        _names = names;
        _templates = templates;
        _provenances = provenances;
        _values = new string?[names.Length];
        _state = new byte[names.Length];

        var total = 0;
        foreach (var template in templates)
            total += template.ReferenceCount;
        _refs = new int[total];
        _refStart = new int[names.Length + 1];
        var next = 0;
        for (var i = 0; i < templates.Length; i++)
        {
            _refStart[i] = next;
            foreach (var segment in templates[i].Segments)
            {
                if (!segment.IsVariable)
                    continue;
                if (!index.TryGetValue(segment.Text, out var target))
                    throw new LoadException(ErrorReason.UnresolvedVariable, provenances[i],
                        $"Reference to undefined variable '{segment.Text}' in variable '{names[i]}'");
                _refs[next++] = target;
            }
        }
        _refStart[templates.Length] = next;
    }

    // A variable being resolved and the position in _refs of the next reference to look at.
    private record struct Frame(int Variable, int NextRef);

    /// <summary>All values, in the order of <c>names</c>; none is null.</summary>
    /// <exception cref="LoadException">CircularReferenceVariable.</exception>
    public string?[] ResolveAll()
    {
        for (var root = 0; root < _names.Length; root++)
        {
            if (_state[root] == Unvisited)
                ResolveFrom(root);
        }
        return _values;
    }

    private void ResolveFrom(int root)
    {
        Push(root);
        while (_depth > 0)
        {
            ref var frame = ref _stack[_depth - 1];
            var end = _refStart[frame.Variable + 1];
            var dependency = -1;
            while (frame.NextRef < end)
            {
                var target = _refs[frame.NextRef++];
                if (_state[target] == Done)
                    continue;
                if (_state[target] == InProgress)
                    throw Circular(target);
                dependency = target;
                break;
            }

            if (dependency >= 0)
            {
                Push(dependency); // may reallocate _stack; frame is not used after this
                continue;
            }

            var variable = frame.Variable;
            _values[variable] = Build(variable);
            _state[variable] = Done;
            _depth--;
        }
    }

    private void Push(int variable)
    {
        if (_depth == _stack.Length)
            Array.Resize(ref _stack, _stack.Length * 2);
        _stack[_depth++] = new Frame(variable, _refStart[variable]);
        _state[variable] = InProgress;
    }

    // Concatenates literals and the (already resolved) referenced values in one allocation.
    private string Build(int variable)
    {
        var template = _templates[variable];
        if (!template.HasReferences)
            return template.Source;
        var first = _refStart[variable];
        if (template.SoleReference is not null)
            return _values[_refs[first]]!;

        var length = template.LiteralLength;
        for (var r = first; r < _refStart[variable + 1]; r++)
            length += _values[_refs[r]]!.Length;

        return string.Create(length, (template, _refs, first, _values), static (span, state) =>
        {
            var (template, refs, next, values) = state;
            foreach (var segment in template.Segments)
            {
                var text = segment.IsVariable ? values[refs[next++]]! : segment.Text;
                text.CopyTo(span);
                span = span[text.Length..];
            }
        });
    }

    // The cycle is the part of the stack from the first occurrence of target to the top.
    private LoadException Circular(int target)
    {
        var start = _depth - 1;
        while (_stack[start].Variable != target)
            start--;

        var chain = new List<string>(_depth - start + 1);
        var detail = new System.Text.StringBuilder();
        for (var i = start; i < _depth; i++)
        {
            var variable = _stack[i].Variable;
            chain.Add(_names[variable]);
            detail.Append($"  Variable '{_names[variable]}' at {_provenances[variable]}\n");
        }
        chain.Add(_names[target]);

        return new LoadException(ErrorReason.CircularReferenceVariable, _provenances[target],
            $"Circular reference between variables: {string.Join(" -> ", chain)}",
            detail.ToString().TrimEnd('\n'));
    }
}
