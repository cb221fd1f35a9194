namespace BuildGraph.Cas;

/// <summary>How files get into the CAS when imported from the host.</summary>
public enum ImportMode
{
    /// <summary>
    /// Hard-link a file into the object store when it can be (same file system, plain 0644/0444 mode,
    /// not stored yet), else copy. A linked file is made read-only (0444) and shares its inode with
    /// the object, so the caller hands it over: for build outputs and extracted archives that are
    /// thrown away afterwards, never for the user's own files.
    /// </summary>
    Link,

    /// <summary>Always copy; the host files are left exactly as they were.</summary>
    Copy,
}
