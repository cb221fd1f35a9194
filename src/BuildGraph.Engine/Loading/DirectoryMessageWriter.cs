using System.Text;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Encodes a REAPI <c>build.bazel.remote.execution.v2.Directory</c> message by hand, entries added
/// in name order: files (field 1), directories (2), symlinks (3). Byte-identical to what protobuf
/// serialisation of the same message gives, so digests agree with the CAS.
/// </summary>
internal sealed class DirectoryMessageWriter
{
    private readonly MemoryStream _files = new();
    private readonly MemoryStream _directories = new();
    private readonly MemoryStream _symlinks = new();

    public void AddFile(string name, string hash, long size, bool executable)
    {
        var node = new MemoryStream();
        WriteString(node, 1, name);
        WriteMessage(node, 2, Digest(hash, size));
        if (executable)
        {
            WriteTag(node, 4, 0);
            node.WriteByte(1);
        }
        WriteMessage(_files, 1, node.ToArray());
    }

    public void AddDirectory(string name, string hash, long size)
    {
        var node = new MemoryStream();
        WriteString(node, 1, name);
        WriteMessage(node, 2, Digest(hash, size));
        WriteMessage(_directories, 2, node.ToArray());
    }

    public void AddSymlink(string name, string target)
    {
        var node = new MemoryStream();
        WriteString(node, 1, name);
        WriteString(node, 2, target);
        WriteMessage(_symlinks, 3, node.ToArray());
    }

    public byte[] ToArray()
    {
        var all = new MemoryStream();
        _files.WriteTo(all);
        _directories.WriteTo(all);
        _symlinks.WriteTo(all);
        return all.ToArray();
    }

    private static byte[] Digest(string hash, long size)
    {
        var digest = new MemoryStream();
        WriteString(digest, 1, hash);
        if (size != 0)
        {
            WriteTag(digest, 2, 0);
            WriteVarint(digest, (ulong)size);
        }
        return digest.ToArray();
    }

    private static void WriteString(MemoryStream stream, int field, string value) =>
        WriteMessage(stream, field, Encoding.UTF8.GetBytes(value));

    private static void WriteMessage(MemoryStream stream, int field, byte[] payload)
    {
        WriteTag(stream, field, 2);
        WriteVarint(stream, (ulong)payload.Length);
        stream.Write(payload);
    }

    private static void WriteTag(MemoryStream stream, int field, int wireType) =>
        WriteVarint(stream, (ulong)((field << 3) | wireType));

    private static void WriteVarint(MemoryStream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        stream.WriteByte((byte)value);
    }
}
