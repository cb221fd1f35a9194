using BuildGraph.Abstractions;
using BuildGraph.Engine.Graph;
using BuildGraph.Protos.BuildStream;
using BuildGraph.Yaml;
using Google.Protobuf;
using ReapiDirectory = BuildGraph.Protos.Reapi.Directory;

namespace BuildGraph.Engine.Artifacts;

/// <summary>
/// Artifact refs: one file per artifact name under <c>&lt;cachedir&gt;/artifacts/refs</c>, holding the
/// serialised BuildStream <c>Artifact</c> message. A ref is written (atomically) only after every blob
/// it names is in the CAS, so a ref always means a complete artifact. Thread- and process-safe.
/// </summary>
public sealed class ArtifactCache(string cacheDirectory, ITreeStore cas) : ICacheQuery
{
    /// <summary>The source cache that shares this CAS.</summary>
    public Sources.SourceCache Sources { get; } = new(cacheDirectory, cas);

    private readonly string _refs = Path.Combine(cacheDirectory, "artifacts", "refs");

    public ITreeStore Cas => cas;

    private string RefPath(string artifactName) => Path.Combine(_refs, artifactName);

    public bool HasArtifact(Element element) => element.CacheKey is { } key && File.Exists(RefPath(ArtifactNames.Of(element, key)));

    public bool HasSources(Element element) => Sources.IsAvailable(element);

    public Artifact? TryGet(Element element)
    {
        if (element.CacheKey is not { } key)
            return null;
        var path = RefPath(ArtifactNames.Of(element, key));
        try
        {
            return Artifact.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when the element's artifact is in the cache with every blob it names: a ref whose objects
    /// were since removed (found corrupt, say) does not count, so that a build makes it again.
    /// </summary>
    public async Task<bool> IsCompleteAsync(Element element, CancellationToken cancellationToken) =>
        TryGet(element) is { } artifact && (await FindMissingBlobsAsync(artifact, cancellationToken).ConfigureAwait(false)).Count == 0;

    /// <summary>
    /// The blobs <paramref name="artifact"/> names that the CAS lacks: directories and files of its
    /// files tree (below a missing or corrupt directory nothing more is known), public data and logs.
    /// </summary>
    public async Task<IReadOnlyList<Digest>> FindMissingBlobsAsync(Artifact artifact, CancellationToken cancellationToken)
    {
        var blobs = new List<Digest>();
        if (artifact.PublicData is { } publicData)
            blobs.Add(publicData.ToDigest());
        blobs.AddRange(artifact.Logs.Where(l => l.Digest is not null).Select(l => l.Digest.ToDigest()));
        var missing = new List<Digest>();
        if (artifact.Files is { } files)
        {
            var pending = new Stack<Digest>();
            pending.Push(files.ToDigest());
            while (pending.Count > 0)
            {
                var digest = pending.Pop();
                ReapiDirectory directory;
                try
                {
                    directory = await cas.GetDirectoryAsync(digest, cancellationToken).ConfigureAwait(false);
                }
                catch (CasException e) when (e.Reason is ErrorReason.BlobNotFound or ErrorReason.CorruptBlob)
                {
                    missing.Add(digest);
                    continue;
                }
                foreach (var sub in directory.Directories)
                    pending.Push(sub.Digest.ToDigest());
                blobs.AddRange(directory.Files.Select(f => f.Digest.ToDigest()));
            }
        }
        missing.AddRange(await cas.FindMissingAsync(blobs, cancellationToken).ConfigureAwait(false));
        return missing;
    }

    /// <summary>Commits the artifact under the element's strict and weak keys; its blobs must already be stored.</summary>
    public void Commit(Element element, Artifact artifact)
    {
        var bytes = artifact.ToByteArray();
        foreach (var key in new[] { element.StrictKey, element.WeakKey })
        {
            if (key is not null)
                AtomicWrite(RefPath(ArtifactNames.Of(element, key)), bytes);
        }
    }

    /// <summary>Every artifact ref in the cache: its name and its message.</summary>
    public IEnumerable<(string Name, Artifact Artifact)> All()
    {
        if (!Directory.Exists(_refs))
            yield break;
        foreach (var file in Directory.EnumerateFiles(_refs, "*", SearchOption.AllDirectories))
        {
            if (file.Contains(".tmp-", StringComparison.Ordinal))
                continue;
            yield return (Path.GetRelativePath(_refs, file), Artifact.Parser.ParseFrom(File.ReadAllBytes(file)));
        }
    }

    /// <summary>Removes the element's refs; returns false when there were none.</summary>
    public bool Delete(Element element)
    {
        var removed = false;
        foreach (var key in new[] { element.StrictKey, element.WeakKey })
        {
            if (key is null)
                continue;
            var path = RefPath(ArtifactNames.Of(element, key));
            if (File.Exists(path))
            {
                File.Delete(path);
                removed = true;
            }
        }
        return removed;
    }

    private static void AtomicWrite(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
