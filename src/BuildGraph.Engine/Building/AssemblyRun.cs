using BuildGraph.Abstractions;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Building;

/// <summary>Carries out one element's assembly plan in a scratch directory; returns the artifact's files tree.</summary>
/// <param name="inMemory">The scratch directory is on a tmpfs: files are copied in, as they cannot be hard-linked.</param>
internal sealed class AssemblyRun(BuildContext context, Element element, string scratch, TextWriter log, string logFile, bool inMemory = false)
{
    private ITreeStore Cas => context.Artifacts.Cas;

    private void Damaged(Element staged) => context.Artifacts.Delete(staged);

    public Task<Digest> AssembleAsync(CancellationToken cancellationToken) => element.Plugin.Assembly switch
    {
        ImportPlan import => ImportAsync(import, cancellationToken),
        StackPlan => Cas.ImportDirectoryAsync(Directory.CreateDirectory(Path.Combine(scratch, "empty")).FullName, cancellationToken),
        CommandsPlan commands => RunCommandsAsync(commands, cancellationToken),
        ComposePlan compose => ComposeAsync(compose, cancellationToken),
        FilterPlan filter => FilterAsync(filter, cancellationToken),
        var other => throw new InvalidOperationException($"No assembler for {other.GetType().Name}"),
    };

    private async Task<Digest> ImportAsync(ImportPlan plan, CancellationToken cancellationToken)
    {
        var sources = Path.Combine(scratch, "sources");
        await StageSourcesAsync(sources, cancellationToken).ConfigureAwait(false);
        var selected = Path.Combine(sources, plan.Source.Trim('/'));
        if (!Directory.Exists(selected))
            throw new ElementBuildException(ErrorReason.MissingFile, element.FullName,
                $"The sources have no directory '{plan.Source}' to import", logFile);
        var output = Path.Combine(scratch, "output");
        var target = Path.Combine(output, plan.Target.Trim('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(target.TrimEnd('/'))!);
        if (Directory.Exists(target))
            Directory.Delete(target);
        Directory.Move(selected, target);
        return await Cas.ImportDirectoryAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Digest> RunCommandsAsync(CommandsPlan plan, CancellationToken cancellationToken)
    {
        var root = Path.Combine(scratch, "root");
        Directory.CreateDirectory(root);
        var stagedAtRoot = await StageLayoutAsync(plan.Layout, root, copy: !plan.RootReadOnly || NeedsWritableRoot(plan), cancellationToken).ConfigureAwait(false);
        await IntegrateAsync(stagedAtRoot, root, cancellationToken).ConfigureAwait(false);
        var buildRoot = element.ResolvedVariable("build-root");
        var installRoot = element.ResolvedVariable("install-root");
        if (plan.StageSources)
            await StageSourcesAsync(HostPath(root, buildRoot), cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(HostPath(root, buildRoot));
        Directory.CreateDirectory(HostPath(root, installRoot));
        var workingDirectory = plan.WorkingDirectory
            ?? (plan.CommandSubdir is { Length: > 0 } subdir ? buildRoot.TrimEnd('/') + "/" + subdir : buildRoot);
        var commands = plan.Commands.SelectMany(g => g.Commands.Select(c => (Label: $"{g.Name}: {c}", Command: c))).ToList();
        if (commands.Count > 0)
        {
            var arguments = CommandBatch.Prepare(commands);
            var environment = Environment(element);
            var filter = new CommandBatch.MarkerFilter(log);
            var exitCode = await RunSandboxAsync(root, arguments, workingDirectory, environment, plan.RootReadOnly,
                new[] { buildRoot, installRoot }, filter, cancellationToken).ConfigureAwait(false);
            filter.Flush();
            if (exitCode != 0)
            {
                var failed = filter.FailedCommand > 0 ? commands[filter.FailedCommand - 1].Command : "(the sandbox did not run the commands)";
                throw new ElementBuildException(ErrorReason.CommandFailed, element.FullName,
                    $"Command failed with exit code {exitCode}: {failed}", logFile);
            }
        }
        return await Cas.ImportDirectoryAsync(HostPath(root, installRoot), cancellationToken).ConfigureAwait(false);
    }

    private bool NeedsWritableRoot(CommandsPlan plan) =>
        plan.Layout.Any(p => p.Location == "/") && Scopes.Build(element).Any(e => Integration.CommandsOf(e).Count > 0);

    private async Task<Digest> ComposeAsync(ComposePlan plan, CancellationToken cancellationToken)
    {
        var root = Path.Combine(scratch, "root");
        Directory.CreateDirectory(root);
        var stager = new Stager(Cas, root, copyFiles: plan.Integrate || inMemory, Damaged);
        var staged = Scopes.Build(element);
        foreach (var dependency in staged)
            await StageArtifactAsync(stager, dependency, "/", cancellationToken).ConfigureAwait(false);
        ReportOverlaps(stager);
        var splitting = plan.Include.Count > 0 || plan.Exclude.Count > 0 || !plan.IncludeOrphans;
        var manifest = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dependency in staged)
            manifest.UnionWith(SplitRules.Select(dependency, stager.StagedPaths[dependency], plan.Include, plan.Exclude, plan.IncludeOrphans));
        if (plan.Integrate)
        {
            var before = ListPaths(root);
            await IntegrateAsync(staged, root, cancellationToken).ConfigureAwait(false);
            var after = ListPaths(root);
            manifest.UnionWith(after.Except(before));
            manifest.ExceptWith(before.Except(after));
        }
        if (!splitting)
            return await Cas.ImportDirectoryAsync(root, cancellationToken).ConfigureAwait(false);
        return await ImportSelectionAsync(root, manifest, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Digest> FilterAsync(FilterPlan plan, CancellationToken cancellationToken)
    {
        var filtered = element.BuildDependencies.Single();
        var root = Path.Combine(scratch, "root");
        Directory.CreateDirectory(root);
        var stager = new Stager(Cas, root, copyFiles: inMemory, Damaged);
        await StageArtifactAsync(stager, filtered, "/", cancellationToken).ConfigureAwait(false);
        var manifest = SplitRules.Select(filtered, stager.StagedPaths[filtered], plan.Include, plan.Exclude, plan.IncludeOrphans).ToHashSet(StringComparer.Ordinal);
        return await ImportSelectionAsync(root, manifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports only the manifest's paths (and the directories leading to them) from <paramref name="root"/>.</summary>
    private async Task<Digest> ImportSelectionAsync(string root, HashSet<string> manifest, CancellationToken cancellationToken)
    {
        var output = Path.Combine(scratch, "selected");
        Directory.CreateDirectory(output);
        foreach (var path in manifest.Order(StringComparer.Ordinal))
        {
            var source = HostPath(root, path);
            var target = HostPath(output, path);
            var info = new FileInfo(source);
            if (info.LinkTarget is { } linkTarget)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.CreateSymbolicLink(target, linkTarget);
            }
            else if (Directory.Exists(source))
            {
                Directory.CreateDirectory(target);
            }
            else if (info.Exists)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                HardLink.Create(source, target);
            }
        }
        return await Cas.ImportDirectoryAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stages dependencies where the layout puts them; returns what landed at '/', in staging order.</summary>
    private async Task<List<Element>> StageLayoutAsync(IReadOnlyList<DependencyPlacement> layout, string root, bool copy, CancellationToken cancellationToken)
    {
        var stager = new Stager(Cas, root, copy || inMemory, Damaged);
        var atRoot = new List<Element>();
        foreach (var location in layout.Select(p => p.Location).Distinct())
        {
            var visited = new HashSet<Element>();
            var order = new List<Element>();
            foreach (var placement in layout.Where(p => p.Location == location))
            {
                var dependency = element.BuildDependencies.First(d => d.FullName == placement.Dependency);
                foreach (var e in Scopes.Run(dependency))
                {
                    if (visited.Add(e))
                        order.Add(e);
                }
            }
            foreach (var staged in order)
                await StageArtifactAsync(stager, staged, location, cancellationToken).ConfigureAwait(false);
            if (location == "/")
                atRoot = order;
        }
        ReportOverlaps(stager);
        return atRoot;
    }

    private async Task StageArtifactAsync(Stager stager, Element staged, string location, CancellationToken cancellationToken)
    {
        var artifact = context.Artifacts.TryGet(staged)
            ?? throw new ElementBuildException(ErrorReason.ArtifactNotFound, element.FullName,
                $"The artifact of dependency {staged.FullName} is not in the cache", logFile);
        await log.WriteLineAsync($"# Staging {staged.FullName} at {location}").ConfigureAwait(false);
        await stager.StageAsync(staged, artifact.Files.ToDigest(), location, cancellationToken).ConfigureAwait(false);
    }

    private void ReportOverlaps(Stager stager)
    {
        var offending = stager.Overlaps.Where(o => !o.Whitelisted).ToList();
        if (offending.Count == 0)
            return;
        var lines = offending.Select(o => $"  {o.Path}: staged by {o.Earlier.FullName}, overwritten by {o.Later.FullName}").ToList();
        var message = $"Non-whitelisted overlaps detected in {element.FullName}:\n{string.Join("\n", lines)}";
        log.WriteLine(message);
        if (element.Project.IsFatal("overlaps"))
            throw new ElementBuildException(ErrorReason.OverlapError, element.FullName, message, logFile,
                "Add the paths to the later element's public: bst: overlap-whitelist, or remove the duplicate files.");
        context.Report(new BuildMessage(BuildEvent.Warning, element, message + " [overlaps]", TimeSpan.Zero));
        context.Warnings.Report(element.Project, "overlaps", element.Provenance, message);
    }

    private async Task IntegrateAsync(IEnumerable<Element> staged, string root, CancellationToken cancellationToken)
    {
        foreach (var provider in staged)
        {
            foreach (var command in Integration.CommandsOf(provider))
            {
                await log.WriteLineAsync($"# Integrating {provider.FullName}: {command}").ConfigureAwait(false);
                await RunAsync(root, command, "/", Environment(provider), rootReadOnly: false, Array.Empty<string>(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task StageSourcesAsync(string directory, CancellationToken cancellationToken)
    {
        try
        {
            await context.Artifacts.Sources.StageAsync(element, directory, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException e)
        {
            throw new ElementBuildException(e.Reason, element.FullName, $"Staging sources failed: {e.Render()}", logFile, inner: e);
        }
    }

    private async Task RunAsync(string root, string command, string workingDirectory, IReadOnlyDictionary<string, string> environment,
        bool rootReadOnly, IReadOnlyList<string> writable, CancellationToken cancellationToken)
    {
        var exitCode = await RunSandboxAsync(root, new[] { "sh", "-c", "-e", command + "\n" }, workingDirectory, environment,
            rootReadOnly, writable, log, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
            throw new ElementBuildException(ErrorReason.CommandFailed, element.FullName,
                $"Command failed with exit code {exitCode}: {command}", logFile,
                $"See the build log: {logFile}");
    }

    private async Task<int> RunSandboxAsync(string root, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, bool rootReadOnly, IReadOnlyList<string> writable, TextWriter output,
        CancellationToken cancellationToken)
    {
        var result = await context.Sandbox.RunAsync(new SandboxCommand
        {
            RootDirectory = root,
            Arguments = arguments,
            Environment = environment,
            WorkingDirectory = workingDirectory,
            RootReadOnly = rootReadOnly,
            WritableDirectories = writable,
            Uid = element.Sandbox.TryGetString("build-uid") is { } uid ? int.Parse(uid, System.Globalization.CultureInfo.InvariantCulture) : null,
            Gid = element.Sandbox.TryGetString("build-gid") is { } gid ? int.Parse(gid, System.Globalization.CultureInfo.InvariantCulture) : null,
        }, output, cancellationToken).ConfigureAwait(false);
        return result.ExitCode;
    }

    private static Dictionary<string, string> Environment(Element e) =>
        e.Environment.Entries.ToDictionary(p => p.Key, p => ((ScalarNode)p.Value).Value, StringComparer.Ordinal);

    private static string HostPath(string root, string sandboxPath) => Path.Combine(root, sandboxPath.TrimStart('/'));

    private static HashSet<string> ListPaths(string root)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in TreeWalk.Entries(root))
            result.Add("/" + Path.GetRelativePath(root, entry.FullName));
        return result;
    }
}
