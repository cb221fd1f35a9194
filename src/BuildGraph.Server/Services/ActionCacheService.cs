using BuildGraph.Abstractions;
using Digest = BuildGraph.Abstractions.Digest;
using BuildGraph.Protos.Reapi;
using BuildGraph.Grpc;
using BuildGraph.Server.Storage;
using Google.Protobuf;

namespace BuildGraph.Server.Services;

/// <summary>
/// ActionCache per instance name. A result is recorded only when every blob it names (outputs,
/// stdout/stderr, output trees and their files) is stored, so a hit never leads to a missing blob.
/// </summary>
internal sealed class ActionCacheService(ServerStore store, PushPolicy push)
{
    private const string Kind = "ac";

    public async Task<ActionResult> GetActionResultAsync(GetActionResultRequest request, ServerCallContext context)
    {
        CapabilitiesService.CheckDigestFunction(request.DigestFunction);
        var action = StoreErrors.RequireDigest(request.ActionDigest, "action");
        var entry = await store.TryGetEntryAsync(Kind, Key(request.InstanceName, action), context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.NotFound, $"No action result for {action}");
        return ActionResult.Parser.ParseFrom(entry.Payload);
    }

    public async Task<ActionResult> UpdateActionResultAsync(UpdateActionResultRequest request, ServerCallContext context)
    {
        push.CheckPush(context);
        CapabilitiesService.CheckDigestFunction(request.DigestFunction);
        var action = StoreErrors.RequireDigest(request.ActionDigest, "action");
        var result = request.ActionResult ?? throw new RpcException(StatusCode.InvalidArgument, "No action_result");
        try
        {
            var references = await ReferencesAsync(result, context.CancellationToken).ConfigureAwait(false);
            await store.PutEntryAsync(Kind, Key(request.InstanceName, action), references, result.ToByteArray(), context.CancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            throw StoreErrors.ToRpc(e);
        }
        return result;
    }

    private static string Key(string instance, Digest action) => $"{instance}\n{action}";

    private async Task<List<Digest>> ReferencesAsync(ActionResult result, CancellationToken cancellationToken)
    {
        var references = new List<Digest>();
        void Add(Protos.Reapi.Digest? message, string what)
        {
            if (message is not null)
                references.Add(StoreErrors.RequireDigest(message, what));
        }
        foreach (var file in result.OutputFiles)
            Add(file.Digest, "output file");
        Add(result.StdoutDigest, "stdout");
        Add(result.StderrDigest, "stderr");
        var roots = new List<Digest>();
        foreach (var directory in result.OutputDirectories)
        {
            Add(directory.TreeDigest, "output tree");
            if (directory.TreeDigest is { } treeDigest && store.Contains(StoreErrors.RequireDigest(treeDigest, "output tree"))
                && await store.TryReadBytesAsync(StoreErrors.RequireDigest(treeDigest, "output tree"), cancellationToken).ConfigureAwait(false) is { } bytes)
            {
                var tree = Tree.Parser.ParseFrom(bytes);
                foreach (var dir in tree.Children.Prepend(tree.Root).Where(d => d is not null))
                {
                    foreach (var file in dir.Files)
                        Add(file.Digest, "output tree file");
                }
            }
            if (directory.RootDirectoryDigest is { } root)
                roots.Add(StoreErrors.RequireDigest(root, "output root directory"));
        }
        references.AddRange(await TreeWalker.CollectAsync(store.Trees, roots, cancellationToken).ConfigureAwait(false));
        return references;
    }
}
