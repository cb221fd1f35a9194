namespace BuildGraph.Yaml;

/// <summary>
/// Where a value came from: a file relative to its project (or a display name such as
/// <c>junction.bst:include.yml</c>), with a 1-based line and column; 0 when unknown.
/// </summary>
public readonly record struct Provenance(string File, int Line, int Column)
{
    public static Provenance Unknown(string file) => new(file, 0, 0);

    public override string ToString() =>
        Line > 0 ? $"{File} [line {Line} column {Column}]" : File;
}
