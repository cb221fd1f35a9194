namespace BuildGraph.Engine.Remotes;

/// <summary>How a pull or push of one element's artifact or sources went.</summary>
public enum TransferResult
{
    /// <summary>Pulled into the local cache, or pushed to at least one remote.</summary>
    Done,

    /// <summary>Nothing to do: no remote has it (pull), every remote has it already (push), or no remotes apply.</summary>
    Skipped,

    /// <summary>A remote failed (a warning was reported) and nothing was transferred.</summary>
    Failed,
}
