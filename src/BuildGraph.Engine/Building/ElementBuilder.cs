using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Graph;
using BuildGraph.Protos.BuildStream;
using BuildGraph.Yaml;
using Google.Protobuf.WellKnownTypes;

namespace BuildGraph.Engine.Building;

/// <summary>
/// Builds one element into an artifact: carries out its kind's assembly plan in a scratch directory,
/// stores the result in the CAS, writes the build log, and commits the artifact ref last, so a
/// failed or interrupted build leaves no artifact.
/// </summary>
internal sealed class ElementBuilder(BuildContext context)
{
    public async Task BuildAsync(Element element, CancellationToken cancellationToken)
    {
        var key = element.CacheKey ?? throw new InvalidOperationException($"{element} has no cache key");
        if (element.Plugin.Assembly is UnsupportedPlan unsupported)
            throw new ElementBuildException(ErrorReason.Unsupported, element.FullName, unsupported.Reason);
        if (!context.Artifacts.Sources.IsAvailable(element))
        {
            context.Report(new BuildMessage(BuildEvent.Info, element, "fetching sources", TimeSpan.Zero));
            await Sources.SourceFetch.RunAsync(element, context.Artifacts, context.Remotes, context.CacheDirectory, context.Report, cancellationToken).ConfigureAwait(false);
        }
        var logFile = LogFilePath(element, key);
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var memory = await ScratchPlacement.MemoryDirectoryFor(element, context, cancellationToken).ConfigureAwait(false);
        using var scratch = memory is null
            ? ScratchDirectory.Create(context.CacheDirectory, "build")
            : ScratchDirectory.CreateIn(memory, "build");
        var started = DateTime.UtcNow;
        Digest files;
        await using (var log = new StreamWriter(logFile, append: false, new UTF8Encoding(false)) { AutoFlush = true })
        {
            var run = new AssemblyRun(context, element, scratch.Path, log, logFile, inMemory: memory is not null);
            try
            {
                files = await run.AssembleAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BgxException e) when (e is not ElementBuildException)
            {
                await log.WriteLineAsync(e.Render()).ConfigureAwait(false);
                throw new ElementBuildException(e.Reason, element.FullName, e.Render(), logFile, inner: e);
            }
        }
        var artifact = new Artifact
        {
            Version = 1,
            BuildSuccess = true,
            StrongKey = key,
            StrictKey = element.StrictKey ?? "",
            WeakKey = element.WeakKey ?? "",
            Files = files.ToProto(),
            PublicData = (await context.Artifacts.Cas.PutBytesAsync(Encoding.UTF8.GetBytes(YamlWriter.Write(PublicData(element))), cancellationToken).ConfigureAwait(false)).ToProto(),
            LowDiversityMeta = (await context.Artifacts.Cas.PutBytesAsync(Encoding.UTF8.GetBytes(YamlWriter.Write(element.Environment)), cancellationToken).ConfigureAwait(false)).ToProto(),
            HighDiversityMeta = (await context.Artifacts.Cas.PutBytesAsync(Encoding.UTF8.GetBytes(
                $"build-started: {started:O}\nbuild-seconds: {(DateTime.UtcNow - started).TotalSeconds:F3}\nhost: {Environment.MachineName}\n"), cancellationToken).ConfigureAwait(false)).ToProto(),
        };
        artifact.Logs.Add(new Artifact.Types.LogFile
        {
            Name = "build.log",
            Digest = (await context.Artifacts.Cas.PutBytesAsync(await File.ReadAllBytesAsync(logFile, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)).ToProto(),
        });
        foreach (var dependency in Scopes.Build(element))
        {
            artifact.BuildDeps.Add(new Artifact.Types.Dependency
            {
                ProjectName = dependency.Project.Name,
                ElementName = dependency.FullName,
                CacheKey = dependency.CacheKey ?? "",
            });
        }
        cancellationToken.ThrowIfCancellationRequested();
        context.Artifacts.Commit(element, artifact);
    }

    /// <summary>The public data stored with the artifact; a filter passing integration adds its dependency's.</summary>
    private MappingNode PublicData(Element element)
    {
        if (element.Plugin.Assembly is not FilterPlan { PassIntegration: true } filter)
            return element.Public;
        var result = (MappingNode)element.Public.Clone();
        var filtered = element.BuildDependencies.First(d => d.FullName == filter.Filtered || d.Name == filter.Filtered);
        var inherited = filtered.Public.TryGetMapping("bst")?.TryGetSequence("integration-commands");
        if (inherited is { Count: > 0 })
        {
            var bst = result.GetOrAddMapping("bst");
            var commands = bst.TryGetSequence("integration-commands") ?? new SequenceNode(bst.Provenance);
            commands.Items.AddRange(inherited.Items);
            bst.Set("integration-commands", commands);
        }
        return result;
    }

    private string LogFilePath(Element element, string key) =>
        Path.Combine(context.LogDirectory, element.Project.Name, ArtifactNames.NormalName(element.Name),
            $"{key[..Math.Min(12, key.Length)]}-build.{DateTime.UtcNow:yyyyMMdd-HHmmss}.{Environment.ProcessId}.log");
}
