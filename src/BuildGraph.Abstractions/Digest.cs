using System.Security.Cryptography;

namespace BuildGraph.Abstractions;

/// <summary>
/// A content digest as REAPI names blobs: lowercase sha256 hex and size in bytes. Validated on
/// construction, so a Digest value is always well formed.
/// </summary>
public readonly record struct Digest
{
    public Digest(string hash, long sizeBytes)
    {
        if (hash.Length != 64 || !hash.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            throw new ArgumentException($"'{hash}' is not a lowercase sha256 hex digest", nameof(hash));
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        Hash = hash;
        SizeBytes = sizeBytes;
    }

    public string Hash { get; }
    public long SizeBytes { get; }

    /// <summary>The digest of the empty blob, which every CAS holds.</summary>
    public static Digest Empty { get; } = Of(ReadOnlySpan<byte>.Empty);

    public static Digest Of(ReadOnlySpan<byte> content) =>
        new(Convert.ToHexStringLower(SHA256.HashData(content)), content.Length);

    /// <summary>Parses <c>hash/size</c>; returns false on anything else.</summary>
    public static bool TryParse(string text, out Digest digest)
    {
        digest = default;
        var slash = text.IndexOf('/');
        if (slash != 64 || !long.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var size))
            return false;
        try
        {
            digest = new Digest(text[..slash], size);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public override string ToString() => $"{Hash}/{SizeBytes}";
}
