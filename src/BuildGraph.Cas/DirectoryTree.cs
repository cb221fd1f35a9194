using System.Runtime.CompilerServices;
using BuildGraph.Abstractions;
using BuildGraph.Yaml;
using Google.Protobuf;
using ReapiDirectory = BuildGraph.Protos.Reapi.Directory;

namespace BuildGraph.Cas;

/// <summary>
/// Directory trees in a <see cref="LocalCas"/> as REAPI <c>Directory</c> messages: one blob per
/// directory holding its files (with is_executable), subdirectories (by digest) and symlinks (target
/// verbatim), each list sorted by name. A tree's identity is its root message's digest. Thread-safe.
/// </summary>
public sealed class DirectoryTree(LocalCas cas)
{
    public LocalCas Cas => cas;

    /// <summary>
    /// Stores a host directory tree and returns the root Directory's digest. Files are hard-linked
    /// into the store when possible (<see cref="ImportMode.Link"/>: the files become read-only and must
    /// not be modified afterwards); use the other overload with <see cref="ImportMode.Copy"/> for
    /// files the caller does not own.
    /// </summary>
    /// <exception cref="CasException">
    /// MissingFile: no such directory. Unsupported: a special file (fifo, socket, device).
    /// DigestMismatch: a file changed while it was being stored.
    /// </exception>
    public Task<Digest> ImportAsync(string hostDirectory, CancellationToken cancellationToken) =>
        ImportAsync(hostDirectory, ImportMode.Link, cancellationToken);

    /// <inheritdoc cref="ImportAsync(string, CancellationToken)"/>
    public Task<Digest> ImportAsync(string hostDirectory, ImportMode mode, CancellationToken cancellationToken) =>
        new TreeImporter(cas, mode).ImportAsync(hostDirectory, cancellationToken);

    /// <summary>
    /// Writes the tree <paramref name="root"/> under <paramref name="targetDirectory"/> (created if
    /// needed; existing entries of the same name are an error). With <paramref name="useHardlinks"/>
    /// files are hard links to the (verified) objects and so read-only (0444, executables 0555 through
    /// their twins); otherwise they are copies 0644/0755 the caller may write, checked against their
    /// digest while copied.
    /// </summary>
    /// <exception cref="CasException">
    /// BlobNotFound: a directory or file is not stored. CorruptBlob: an object no longer matches its
    /// digest (nothing corrupt is ever written out). InvalidData: a Directory message is malformed.
    /// </exception>
    public Task CheckoutAsync(Digest root, string targetDirectory, bool useHardlinks, CancellationToken cancellationToken) =>
        new TreeCheckout(this, useHardlinks).RunAsync(root, targetDirectory, cancellationToken);

    /// <summary>Reads and checks one Directory message.</summary>
    /// <exception cref="CasException">BlobNotFound, CorruptBlob, or InvalidData (not a valid Directory).</exception>
    public async Task<ReapiDirectory> GetDirectoryAsync(Digest digest, CancellationToken cancellationToken)
    {
        var bytes = await cas.TryReadBytesAsync(digest, cancellationToken).ConfigureAwait(false)
            ?? throw new CasException(ErrorReason.BlobNotFound, $"Directory {digest} is missing from the local CAS");
        ReapiDirectory directory;
        try
        {
            directory = ReapiDirectory.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new CasException(ErrorReason.InvalidData, $"Blob {digest} is not a Directory message", inner: e);
        }
        foreach (var name in directory.Files.Select(f => f.Name)
                     .Concat(directory.Directories.Select(d => d.Name))
                     .Concat(directory.Symlinks.Select(s => s.Name)))
        {
            // Names come from other machines too: never let one climb out of a checkout.
            if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Contains('\0'))
                throw new CasException(ErrorReason.InvalidData, $"Directory {digest} has an invalid entry name '{name}'");
        }
        return directory;
    }

    /// <summary>Stores one Directory message (its lists must already be sorted) and returns its digest.</summary>
    public Task<Digest> PutDirectoryAsync(ReapiDirectory directory, CancellationToken cancellationToken) =>
        cas.PutBytesAsync(directory.ToByteArray(), cancellationToken);

    /// <summary>
    /// Every entry below <paramref name="root"/> (not the root itself), depth first, each directory's
    /// entries in name order and a directory's contents right after it.
    /// </summary>
    /// <exception cref="CasException">As <see cref="GetDirectoryAsync"/>, for any directory of the tree.</exception>
    public IAsyncEnumerable<TreeEntry> ListAsync(Digest root, CancellationToken cancellationToken) =>
        ListAsync(root, "", cancellationToken);

    private async IAsyncEnumerable<TreeEntry> ListAsync(Digest digest, string prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var directory = await GetDirectoryAsync(digest, cancellationToken).ConfigureAwait(false);
        var entries = directory.Files.Select(f => new TreeEntry(prefix + f.Name, TreeEntryKind.File, f.Digest.ToDigest(), f.IsExecutable, null))
            .Concat(directory.Directories.Select(d => new TreeEntry(prefix + d.Name, TreeEntryKind.Directory, d.Digest.ToDigest(), false, null)))
            .Concat(directory.Symlinks.Select(s => new TreeEntry(prefix + s.Name, TreeEntryKind.Symlink, null, false, s.Target)))
            .OrderBy(e => e.Path, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            yield return entry;
            if (entry.Kind != TreeEntryKind.Directory)
                continue;
            await foreach (var child in ListAsync(entry.Digest!.Value, entry.Path + "/", cancellationToken).ConfigureAwait(false))
                yield return child;
        }
    }
}
