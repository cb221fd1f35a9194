using BuildGraph.Yaml;

namespace BuildGraph.Engine.Options;

/// <summary>BuildStream's symbol rule: ASCII letters, digits and <c>_</c> (optionally <c>-</c>), no leading digit.</summary>
internal static class SymbolName
{
    public static bool IsValid(string symbol, bool allowDashes) =>
        symbol.Length > 0
        && !char.IsAsciiDigit(symbol[0])
        && symbol.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || (allowDashes && c == '-'));

    /// <summary>Throws <see cref="ErrorReason.InvalidSymbolName"/> at <paramref name="at"/> unless the symbol is valid.</summary>
    public static void Assert(string symbol, string purpose, Provenance at, bool allowDashes)
    {
        if (IsValid(symbol, allowDashes))
            return;
        var allowed = allowDashes ? "letters, digits, '_' and '-'" : "letters, digits and '_'";
        throw new LoadException(ErrorReason.InvalidSymbolName, at,
            $"Invalid {purpose} '{symbol}'",
            $"A {purpose} may contain only {allowed}, and may not start with a digit.");
    }
}
