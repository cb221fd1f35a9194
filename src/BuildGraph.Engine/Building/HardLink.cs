using System.Runtime.InteropServices;

namespace BuildGraph.Engine.Building;

/// <summary>link(2): .NET has no API for hard links.</summary>
internal static partial class HardLink
{
    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int NativeLink(string existing, string created);

    public static void Create(string existing, string created)
    {
        if (NativeLink(existing, created) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"Cannot hard-link {created} to {existing}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
    }
}
