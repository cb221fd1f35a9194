using System.Text;
using BuildGraph.Abstractions;

namespace BuildGraph.Server.Storage;

/// <summary>
/// One action-cache or asset record: its key (for collision checks), the blobs it needs present,
/// and the stored message. File format: "BGXIDX1\n", then with <see cref="BinaryWriter"/>: key,
/// reference count, (hash, size) per reference, payload length, payload.
/// </summary>
internal sealed record IndexEntry(string Key, IReadOnlyList<Digest> References, byte[] Payload)
{
    private static readonly byte[] Magic = "BGXIDX1\n"u8.ToArray();

    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        buffer.Write(Magic);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Key);
            writer.Write(References.Count);
            foreach (var digest in References)
            {
                writer.Write(digest.Hash);
                writer.Write(digest.SizeBytes);
            }
            writer.Write(Payload.Length);
            writer.Write(Payload);
        }
        return buffer.ToArray();
    }

    /// <summary>Parses a stored entry; null when the file is damaged or of another format.</summary>
    public static IndexEntry? TryParse(byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith(Magic))
            return null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, bytes.Length - Magic.Length), Encoding.UTF8);
            var key = reader.ReadString();
            var count = reader.ReadInt32();
            var references = new List<Digest>(Math.Min(count, 1 << 20));
            for (var i = 0; i < count; i++)
                references.Add(new Digest(reader.ReadString(), reader.ReadInt64()));
            var payload = reader.ReadBytes(reader.ReadInt32());
            return new IndexEntry(key, references, payload);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or IOException)
        {
            return null;
        }
    }
}
