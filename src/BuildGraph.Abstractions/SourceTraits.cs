namespace BuildGraph.Abstractions;

[Flags]
public enum SourceTraits
{
    None = 0,
    /// <summary>Tracking needs the sources before it staged (cargo2 reads their Cargo.lock).</summary>
    TrackNeedsPreviousSources = 1,
    /// <summary>Fetching needs the sources before it staged.</summary>
    FetchNeedsPreviousSources = 2,
    /// <summary>Has no ref: content comes from the project itself (local, patch).</summary>
    ProjectLocal = 4,
}
