namespace BuildGraph.Cli;

internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary><c>source track --check</c>: some ref would change.</summary>
    public const int Changed = 1;
    /// <summary>Something failed that the user can fix: bad input, a failed build.</summary>
    public const int UserError = 2;
    /// <summary>A bug in bgx.</summary>
    public const int Bug = 70;
}
