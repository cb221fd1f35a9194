using BuildGraph.Abstractions;
using BuildGraph.Cas;
using BuildGraph.Engine;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Remotes;
using BuildGraph.Sandbox;

namespace BuildGraph.Cli;

/// <summary>The one place that picks implementations: local CAS, bubblewrap sandbox, gRPC remote caches.</summary>
internal static class CliServices
{
    public static ArtifactCache OpenArtifacts(BuildSession session) =>
        new(session.UserConfig.CacheDirectory, LocalTreeStore.ForCacheDirectory(session.UserConfig.CacheDirectory));

    public static ISandbox CreateSandbox() => new BwrapSandbox();

    /// <summary>The session's remote artifact and source caches, over gRPC, moving blobs to and from the local CAS.</summary>
    public static RemoteCaches OpenRemotes(BuildSession session, RemoteOverrides? overrides = null)
    {
        var local = LocalCas(session);
        return new RemoteCaches(session.UserConfig, spec => Remotes.GrpcRemoteCache.Create(spec, local), overrides);
    }

    /// <summary>The paths of a stored tree, one per line as <c>bst artifact list-contents</c> prints them.</summary>
    public static IEnumerable<string> ListPaths(ITreeStore cas, Digest root)
    {
        var entries = new List<string>();
        var enumerator = cas.ListAsync(root, CancellationToken.None).GetAsyncEnumerator();
        try
        {
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                entries.Add(enumerator.Current.Path);
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        entries.Sort(StringComparer.Ordinal);
        return entries;
    }

    public static LocalCas LocalCas(BuildSession session) => BuildGraph.Cas.LocalCas.ForCacheDirectory(session.UserConfig.CacheDirectory);
}
