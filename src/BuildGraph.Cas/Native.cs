using System.Runtime.InteropServices;

namespace BuildGraph.Cas;

/// <summary>
/// The system calls .NET has no API for: link(2), statx(2) (file type, inode and nanosecond mtime)
/// and fcntl(2) for O_DIRECT. statx's buffer layout is the same on every Linux architecture.
/// </summary>
internal static partial class Native
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int EMLINK = 31;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Creates hard link <paramref name="created"/>; returns 0 or the errno.</summary>
    public static int Link(string existing, string created) =>
        LinkImpl(existing, created) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>lstat: the entry itself, not a symlink's target; null when it does not exist.</summary>
    /// <exception cref="IOException">Any other failure.</exception>
    public static FileStamp? TryLstat(string path)
    {
        if (StatxImpl(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, out var buffer) == 0)
            return new FileStamp(buffer.Inode, (long)buffer.Size, buffer.MtimeSeconds, buffer.MtimeNanoseconds, buffer.Mode);
        var errno = Marshal.GetLastPInvokeError();
        if (errno is ENOENT or ENOTDIR)
            return null;
        throw new IOException($"Cannot stat {path}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
    }

    /// <summary>
    /// Turns O_DIRECT on (or off) for an open file (I/O bypasses the page cache); false where the file
    /// system refuses it. O_DIRECT's value differs between architectures (x86-64: 040000, arm64: 0200000 octal).
    /// </summary>
    public static bool TrySetDirect(Microsoft.Win32.SafeHandles.SafeFileHandle file, bool on = true)
    {
        var direct = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 0x4000,
            Architecture.Arm64 => 0x10000,
            _ => 0,
        };
        if (direct == 0)
            return false;
        var fd = (int)file.DangerousGetHandle();
        var flags = FcntlImpl(fd, FGetFl, 0);
        return flags >= 0 && FcntlImpl(fd, FSetFl, on ? flags | direct : flags & ~direct) == 0;
    }

    /// <summary>EINVAL from a read or write: what file systems that take O_DIRECT but not this transfer say.</summary>
    public static bool IsDirectIoRefused(IOException error) => error.HResult == EINVAL;

    private const int FGetFl = 3;
    private const int FSetFl = 4;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int FcntlImpl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkImpl(string existing, string created);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxImpl(int dirFd, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>struct statx (linux/stat.h), 256 bytes; only the fields we read are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long MtimeSeconds;
        [FieldOffset(120)] public uint MtimeNanoseconds;
    }
}
