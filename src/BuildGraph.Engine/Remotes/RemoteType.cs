namespace BuildGraph.Engine.Remotes;

/// <summary>What a remote cache serves, as BuildStream's <c>type</c> key says.</summary>
public enum RemoteType
{
    /// <summary>Both: Remote Asset (the artifact and source index) and CAS (the blobs).</summary>
    All,

    /// <summary>Remote Asset only: names to digests.</summary>
    Index,

    /// <summary>CAS only: the blobs.</summary>
    Storage,
}
