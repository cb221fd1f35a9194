namespace BuildGraph.Cas;

/// <summary>The modes files get in the CAS and in checkouts.</summary>
internal static class FileModes
{
    private const UnixFileMode ReadAll = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ExecuteAll = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>0444: every object, so that hard links to it cannot be written through.</summary>
    public const UnixFileMode Object = ReadAll;

    /// <summary>0555: executable twins of objects, for hard-linked executables.</summary>
    public const UnixFileMode ExecutableObject = ReadAll | ExecuteAll;

    /// <summary>0644 / 0755: writable copies.</summary>
    public static UnixFileMode Writable(bool executable) =>
        ReadAll | UnixFileMode.UserWrite | (executable ? ExecuteAll : 0);

    /// <summary>0444 / 0555: read-only checkouts.</summary>
    public static UnixFileMode ReadOnly(bool executable) => executable ? ExecutableObject : Object;
}
