using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace BuildGraph.Plugins.Tests.Sources.Support;

/// <summary>Builds small tar archives in memory: files, directories, symlinks, device nodes, hostile names.</summary>
internal sealed class TestArchives
{
    private readonly List<PaxTarEntry> _entries = new();

    public TestArchives Directory(string name)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0x1ED });
        return this;
    }

    public TestArchives File(string name, string content, bool executable = false)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = executable ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
        };
        _entries.Add(entry);
        return this;
    }

    public TestArchives Symlink(string name, string target)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });
        return this;
    }

    public TestArchives HardLink(string name, string target)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.HardLink, name) { LinkName = target });
        return this;
    }

    public TestArchives CharacterDevice(string name)
    {
        _entries.Add(new PaxTarEntry(TarEntryType.CharacterDevice, name) { DeviceMajor = 1, DeviceMinor = 3 });
        return this;
    }

    public byte[] Tar()
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in _entries)
            {
                entry.DataStream?.Seek(0, SeekOrigin.Begin);
                writer.WriteEntry(entry);
            }
        }
        return output.ToArray();
    }

    public byte[] TarGz()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Tar());
        return output.ToArray();
    }

    public static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
