using System.CommandLine;
using System.Formats.Tar;
using BuildGraph.Engine.Artifacts;
using BuildGraph.Engine.Graph;
using BuildGraph.Yaml;

namespace BuildGraph.Cli.Commands;

/// <summary><c>bgx artifact checkout|list-contents|log|delete|pull|push</c>.</summary>
internal static class ArtifactCommand
{
    public static Command Create(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("artifact", "Work with built artifacts");
        command.Subcommands.Add(Checkout(globals, stdout, stderr));
        command.Subcommands.Add(ListContents(globals, stdout, stderr));
        command.Subcommands.Add(Log(globals, stdout, stderr));
        command.Subcommands.Add(Delete(globals, stdout, stderr));
        command.Subcommands.Add(ArtifactTransferCommands.Pull(globals, stdout, stderr));
        command.Subcommands.Add(ArtifactTransferCommands.Push(globals, stdout, stderr));
        return command;
    }

    private static Command Checkout(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var directory = new Option<string?>("--directory") { Description = "Directory to check the files out into" };
        var tar = new Option<string?>("--tar") { Description = "Write the files as a tarball instead ('-' for stdout)" };
        var hardlinks = new Option<bool>("--hardlinks") { Description = "Hard-link files from the cache (read-only) instead of copying" };
        var deps = new Option<string>("--deps", "-d") { Description = "none: the element only; run (default): with its runtime dependencies; build, all", DefaultValueFactory = _ => "run" };
        deps.AcceptOnlyFromAmong("none", "run", "build", "all");
        var element = new Argument<string>("element");
        var remoteOptions = new Remotes.RemoteOptions(artifacts: true, sources: false, pullOnly: true);
        var command = new Command("checkout", "Check out an element's artifact (pulled from remote caches when not cached)") { directory, tar, hardlinks, deps, element };
        remoteOptions.AddTo(command);
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            var session = CliApp.OpenSession(globals, parse);
            var graph = session.Load(new[] { parse.GetValue(element)! });
            var artifacts = CliServices.OpenArtifacts(session);
            var target = graph.Targets[0];
            var selected = Selection.Select(graph.Targets, parse.GetValue(deps)!, new HashSet<Element>(), artifacts);
            PullMissing(session, artifacts, selected, remoteOptions.Read(parse), stderr);
            if (parse.GetValue(tar) is { } tarFile)
            {
                using var scratch = new TempDirectory();
                session.CheckoutAsync(selected, artifacts, scratch.Path, hardlinks: true, CancellationToken.None).GetAwaiter().GetResult();
                using var output = tarFile == "-" ? Console.OpenStandardOutput() : File.Create(tarFile);
                TarFile.CreateFromDirectory(scratch.Path, output, includeBaseDirectory: false);
                return ExitCodes.Success;
            }
            var dir = parse.GetValue(directory) ?? throw new LoadException(ErrorReason.MissingKey, null,
                "Give --directory DIR or --tar FILE");
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
                throw new LoadException(ErrorReason.InvalidData, null, $"Checkout directory {dir} is not empty", "Choose an empty or new directory.");
            session.CheckoutAsync(selected, artifacts, dir, parse.GetValue(hardlinks), CancellationToken.None).GetAwaiter().GetResult();
            foreach (var warning in session.Warnings.Messages)
                stderr.WriteLine(warning);
            stdout.WriteLine($"Checked out {target.FullName} to {dir}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>As bst does, pulls what a checkout needs and the local cache lacks; progress goes to stderr (stdout may be a tarball).</summary>
    private static void PullMissing(Engine.BuildSession session, ArtifactCache artifacts, List<Element> selected,
        Engine.Remotes.RemoteOverrides overrides, TextWriter stderr)
    {
        var missing = selected.Where(e => !e.IsJunction && !artifacts.HasArtifact(e)).ToList();
        using var remotes = CliServices.OpenRemotes(session, overrides);
        if (missing.Count == 0 || !missing.Any(e => remotes.HasArtifactRemotes(e.Project)))
            return;
        using var interrupts = new Interrupts();
        var reporter = new Rendering.BuildReporter(stderr, session.UserConfig.KeyLength);
        session.PullArtifactsAsync(missing, artifacts, remotes, reporter.Report, interrupts.Token).GetAwaiter().GetResult();
    }

    private static Command ListContents(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var element = new Argument<string>("element");
        var command = new Command("list-contents", "List the files of an element's artifact") { element };
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            var (artifacts, _, artifact) = Open(globals, parse, parse.GetValue(element)!);
            foreach (var path in CliServices.ListPaths(artifacts.Cas, artifact.Files.ToDigest()))
                stdout.WriteLine(path);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Log(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var element = new Argument<string>("element");
        var command = new Command("log", "Print the build log of an element's artifact") { element };
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            var (artifacts, _, artifact) = Open(globals, parse, parse.GetValue(element)!);
            foreach (var log in artifact.Logs)
            {
                using var stream = artifacts.Cas.OpenReadAsync(log.Digest.ToDigest(), CancellationToken.None).GetAwaiter().GetResult()
                    ?? throw new LoadException(ErrorReason.BlobNotFound, null, $"The log {log.Name} is missing from the cache");
                using var reader = new StreamReader(stream);
                stdout.Write(reader.ReadToEnd());
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Delete(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
    {
        var elements = new Argument<string[]>("elements") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", "Remove elements' artifacts from the local cache") { elements };
        command.SetAction(parse => CliApp.Guard(stderr, () =>
        {
            var session = CliApp.OpenSession(globals, parse);
            var graph = session.Load(parse.GetValue(elements)!);
            var artifacts = CliServices.OpenArtifacts(session);
            foreach (var target in graph.Targets)
                stdout.WriteLine(artifacts.Delete(target) ? $"Deleted {target.FullName}" : $"{target.FullName} was not cached");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static (ArtifactCache Artifacts, Element Element, Protos.BuildStream.Artifact Artifact) Open(GlobalOptions globals, ParseResult parse, string name)
    {
        var session = CliApp.OpenSession(globals, parse);
        var graph = session.Load(new[] { name });
        var artifacts = CliServices.OpenArtifacts(session);
        var element = graph.Targets[0];
        var artifact = artifacts.TryGet(element) ?? throw new LoadException(ErrorReason.ArtifactNotFound, null,
            $"{element.FullName} is not in the local cache (key {element.CacheKey?[..8] ?? "unknown"})", $"Build it first: bgx build {element.FullName}");
        return (artifacts, element, artifact);
    }
}
