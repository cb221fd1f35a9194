using System.Runtime.InteropServices;

namespace BuildGraph.Cas;

/// <summary>
/// A buffer whose start lies on an <c>alignment</c> boundary, as O_DIRECT requires: a slice of an array
/// on the pinned object heap (its address never moves). Filled from the front.
/// </summary>
internal sealed class AlignedBuffer
{
    private readonly Memory<byte> _memory;

    public AlignedBuffer(int capacity, int alignment)
    {
        var array = GC.AllocateUninitializedArray<byte>(capacity + alignment, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0).ToInt64();
        var skip = (int)((alignment - address % alignment) % alignment);
        _memory = array.AsMemory(skip, capacity);
    }

    public int Capacity => _memory.Length;
    public int Length { get; private set; }
    public bool IsFull => Length == Capacity;
    public ReadOnlyMemory<byte> Filled => _memory[..Length];

    /// <summary>Copies as much of <paramref name="data"/> as fits; returns how much that was.</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        var count = Math.Min(data.Length, Capacity - Length);
        data[..count].CopyTo(_memory.Span[Length..]);
        Length += count;
        return count;
    }

    /// <summary>Zero-fills up to the next multiple of <paramref name="block"/>.</summary>
    public void PadTo(int block)
    {
        var padded = (Length + block - 1) / block * block;
        _memory.Span[Length..padded].Clear();
        Length = padded;
    }

    public void Clear() => Length = 0;

    /// <summary>
    /// Fills the buffer from <paramref name="offset"/> of <paramref name="file"/>, which may be open with
    /// O_DIRECT (a short read is the end of the file: no read is ever made at an unaligned offset);
    /// returns the bytes read.
    /// </summary>
    public int FillFrom(Microsoft.Win32.SafeHandles.SafeFileHandle file, long offset)
    {
        while (Length < Capacity)
        {
            var requested = Capacity - Length;
            var read = ReadAt(file, _memory.Span[Length..], offset + Length);
            Length += read;
            if (read < requested)
                break;
        }
        return Length;
    }

    private static int ReadAt(Microsoft.Win32.SafeHandles.SafeFileHandle file, Span<byte> into, long offset)
    {
        try
        {
            return RandomAccess.Read(file, into, offset);
        }
        catch (IOException e) when (Native.IsDirectIoRefused(e) && Native.TrySetDirect(file, on: false))
        {
            // A file system that accepted O_DIRECT but refuses these reads: read through the cache.
            return RandomAccess.Read(file, into, offset);
        }
    }
}
