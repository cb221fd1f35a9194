namespace BuildGraph.Cas;

/// <summary>What stat says about a file: enough to tell whether its content may have changed.</summary>
internal readonly record struct FileStamp(ulong Inode, long Size, long MtimeSeconds, uint MtimeNanoseconds, uint Mode)
{
    private const uint TypeMask = 0xF000;

    public bool IsRegularFile => (Mode & TypeMask) == 0x8000;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    public bool IsSymlink => (Mode & TypeMask) == 0xA000;

    public DateTime MtimeUtc => DateTime.UnixEpoch.AddTicks(MtimeSeconds * TimeSpan.TicksPerSecond + MtimeNanoseconds / 100);

    /// <summary>rwx bits plus setuid/setgid/sticky.</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);

    /// <summary>
    /// Same inode, size and mtime: the content was not rewritten in between. chmod and link(2)
    /// change only ctime, so a hard-linked object keeps its stamp.
    /// </summary>
    public bool SameContentAs(FileStamp other) =>
        Inode == other.Inode && Size == other.Size && MtimeSeconds == other.MtimeSeconds
        && MtimeNanoseconds == other.MtimeNanoseconds;
}
