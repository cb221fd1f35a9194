namespace BuildGraph.Cas.Tests;

internal static class Modes
{
    public const UnixFileMode R0444 = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode R0555 = R0444 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    public const UnixFileMode R0644 = R0444 | UnixFileMode.UserWrite;
    public const UnixFileMode R0755 = R0555 | UnixFileMode.UserWrite;

    public static UnixFileMode Of(string path) => File.GetUnixFileMode(path);

    public static ulong Inode(string path) => Native.TryLstat(path)!.Value.Inode;

    /// <summary>Overwrites a read-only object in place, as a build writing through a hard link would.</summary>
    public static void Corrupt(string path, byte[] content)
    {
        File.SetUnixFileMode(path, R0644);
        File.WriteAllBytes(path, content);
        File.SetUnixFileMode(path, R0444);
    }
}
