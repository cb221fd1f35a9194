using BuildGraph.Abstractions;
using BuildGraph.Cas;
using BuildGraph.Yaml;

namespace BuildGraph.Server.Storage;

/// <summary>Collects every blob a set of directory trees needs: directory messages and files.</summary>
internal static class TreeWalker
{
    /// <exception cref="MissingReferencesException">A directory message in a tree is not stored.</exception>
    /// <exception cref="CasException">InvalidData: a directory message is malformed.</exception>
    public static async Task<List<Digest>> CollectAsync(DirectoryTree trees, IEnumerable<Digest> roots, CancellationToken cancellationToken)
    {
        var result = new List<Digest>();
        var seen = new HashSet<Digest>();
        var pending = new Stack<Digest>(roots);
        while (pending.Count > 0)
        {
            var digest = pending.Pop();
            if (!seen.Add(digest))
                continue;
            result.Add(digest);
            Protos.Reapi.Directory directory;
            try
            {
                directory = await trees.GetDirectoryAsync(digest, cancellationToken).ConfigureAwait(false);
            }
            catch (CasException e) when (e.Reason is ErrorReason.BlobNotFound or ErrorReason.CorruptBlob)
            {
                throw new MissingReferencesException([digest]);
            }
            foreach (var file in directory.Files)
            {
                if (Grpc.DigestMessages.TryToDigest(file.Digest, out var d) && seen.Add(d))
                    result.Add(d);
            }
            foreach (var child in directory.Directories)
            {
                if (Grpc.DigestMessages.TryToDigest(child.Digest, out var d))
                    pending.Push(d);
            }
        }
        return result;
    }
}
