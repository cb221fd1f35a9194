using System.Text.RegularExpressions;
using BuildGraph.Engine.Options;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Reads project.conf over the builtin defaults, in two passes as BuildStream does: the first with
/// local includes only (enough to load junctions), the second with everything.
/// </summary>
internal sealed partial class ProjectLoader(LoadContext context)
{
    /// <summary>The BuildStream 2 format minor version bgx reads.</summary>
    public const int SupportedMinorVersion = 8;

    private static readonly string[] TopLevelKeys =
    {
        "name", "min-version", "element-path", "ref-storage", "aliases", "mirrors", "options", "variables",
        "environment", "environment-nocache", "split-rules", "fatal-warnings", "fail-on-overlap", "plugins",
        "elements", "sources", "sandbox", "shell", "artifacts", "source-caches", "defaults", "junctions",
        "source-provenance-attributes",
    };

    private static readonly string[] NotConditional =
    {
        "name", "min-version", "element-path", "junctions", "defaults", "fatal-warnings", "ref-storage", "options", "plugins",
    };

    private static readonly Lazy<MappingNode> BuiltinDefaults = new(() =>
    {
        using var stream = typeof(ProjectLoader).Assembly.GetManifestResourceStream("projectconfig.yaml")
            ?? throw new InvalidOperationException("projectconfig.yaml resource missing");
        using var reader = new StreamReader(stream);
        return YamlLoader.LoadString(reader.ReadToEnd(), "projectconfig.yaml");
    });

    /// <param name="junctionOptions">Option values the junction element sets on this subproject.</param>
    public Project Load(string directory, string? junctionName, Project? parent, MappingNode? junctionOptions, Provenance? loadedFrom)
    {
        var prefix = junctionName is null ? "" : junctionName + ":";
        var confPath = Path.Combine(directory, "project.conf");
        if (!File.Exists(confPath))
            throw new LoadException(junctionName is null ? ErrorReason.ProjectNotFound : ErrorReason.InvalidJunction,
                loadedFrom ?? Provenance.Unknown(directory),
                $"No project.conf in {directory}",
                junctionName is null
                    ? "Run bgx in a BuildStream 2 project directory, or point to one with -C DIR."
                    : $"The junction {junctionName} does not lead to a BuildStream project.");
        var raw = YamlLoader.LoadFile(confPath, prefix + "project.conf");
        ValidateVersion(raw, prefix + "project.conf");
        var name = raw.GetString("name");
        if (!SymbolName().IsMatch(name))
            throw new LoadException(ErrorReason.InvalidSymbolName, raw["name"]!.Provenance,
                $"Invalid project name '{name}'", "Use letters, digits, '-' and '_', not starting with a digit.");
        var elementPathValue = raw.GetString("element-path", ".");
        var elementPath = Path.GetFullPath(Path.Combine(directory, elementPathValue));
        if (!Directory.Exists(elementPath))
            throw new LoadException(ErrorReason.MissingFile, raw["element-path"]?.Provenance ?? raw.Provenance,
                $"element-path '{elementPathValue}' is not a directory");

        var project = new Project(name, directory, elementPath, junctionName, parent);
        new PluginDeclarations(context.Catalog).Register(project, raw);
        var includes = new IncludeProcessor(context);

        // First pass: local includes only; gives options good enough to load junctions.
        project.Options = LoadPass(project, raw, includes, onlyLocal: true, junctionOptions, out _);
        // Second pass: everything.
        project.Options = LoadPass(project, raw, includes, onlyLocal: false, junctionOptions, out var config);
        Extract(project, config, raw);
        return project;
    }

    private OptionPool LoadPass(Project project, MappingNode raw, IncludeProcessor includes, bool onlyLocal,
        MappingNode? junctionOptions, out MappingNode config)
    {
        var conf = (MappingNode)raw.Clone();
        includes.Process(conf, project, onlyLocal, processOptions: false);
        config = (MappingNode)BuiltinDefaults.Value.Clone();
        Composite.Onto(config, conf);
        var pool = new OptionPool(() => ListElementPaths(project.ElementPath));
        pool.Declare(config.TryGetMapping("options") ?? new MappingNode(config.Provenance));
        if (junctionOptions is not null)
        {
            foreach (var (key, value) in junctionOptions.Entries)
                pool.SetValue(key, value, value.Provenance, fromCommandLine: false);
        }
        var userOptions = context.UserConfig.ForProject(project.Name)?.TryGetMapping("options");
        if (userOptions is not null)
        {
            foreach (var (key, value) in userOptions.Entries)
                pool.SetValue(key, value, value.Provenance, fromCommandLine: false);
        }
        if (project.Parent is null)
        {
            foreach (var (key, value) in context.CliOptions)
                pool.SetValue(key, value, new Provenance("command line option", 0, 0), fromCommandLine: true);
        }
        pool.Resolve();
        RejectConditionalProtectedKeys(config);
        pool.ProcessNode(config);
        return pool;
    }

    private void Extract(Project project, MappingNode config, MappingNode raw)
    {
        config.ValidateKeys(TopLevelKeys);
        var variables = config.GetMapping("variables");
        foreach (var reserved in new[] { "project-name", "element-name", "max-jobs" })
        {
            if (variables.ContainsKey(reserved))
                throw new LoadException(ErrorReason.ProtectedVariableRedefined, variables.KeyProvenance(reserved),
                    $"Cannot override the builtin variable '{reserved}'", "bgx sets it; remove this definition.");
        }
        variables.Set("project-name", new ScalarNode(project.Name, raw["name"]!.Provenance));
        variables.Set("max-jobs", new ScalarNode(context.MaxJobs.ToString(System.Globalization.CultureInfo.InvariantCulture), config.Provenance));
        project.Options.ExportVariables(variables);
        project.BaseVariables = variables;
        project.BaseEnvironment = config.GetMapping("environment");
        project.EnvironmentNoCache = config.GetStringList("environment-nocache");
        project.SplitRules = config.GetMapping("split-rules");
        var fatal = raw.GetStringList("fatal-warnings");
        if (config.GetBool("fail-on-overlap", false) && !fatal.Contains("overlaps"))
            fatal.Add("overlaps");
        project.FatalWarnings = fatal;
        project.ElementOverrides = config.TryGetMapping("elements") ?? new MappingNode(config.Provenance);
        project.SourceOverrides = config.TryGetMapping("sources") ?? new MappingNode(config.Provenance);
        ValidateOverrides(project);
        project.Sandbox = config.GetMapping("sandbox");
        project.Aliases = config.TryGetMapping("aliases") ?? new MappingNode(config.Provenance);
        project.Mirrors = context.UserConfig.ForProject(project.Name)?.TryGetSequence("mirrors")
            ?? config.TryGetSequence("mirrors") ?? new SequenceNode(config.Provenance);
        project.ArtifactRemotes = Remotes.RemoteCacheConfig.Specs(config.TryGetSequence("artifacts"), project.Directory);
        project.SourceCacheRemotes = Remotes.RemoteCacheConfig.Specs(config.TryGetSequence("source-caches"), project.Directory);
        project.RefStorage = config.GetString("ref-storage", "inline");
        if (project.RefStorage is not ("inline" or "project.refs"))
            throw new LoadException(ErrorReason.InvalidData, config["ref-storage"]!.Provenance,
                $"Invalid ref-storage '{project.RefStorage}'", "Use inline or project.refs.");
        var defaults = config.GetMapping("defaults");
        defaults.ValidateKeys(new[] { "targets" });
        project.DefaultTargets = defaults.GetStringList("targets");
        var junctions = config.TryGetMapping("junctions");
        junctions?.ValidateKeys(new[] { "duplicates", "internal", "disallow-subproject-uris" });
        project.Config = config;
    }

    private static void ValidateOverrides(Project project)
    {
        foreach (var (kind, node) in project.ElementOverrides.Entries)
        {
            var overrides = node as MappingNode ?? throw new LoadException(ErrorReason.InvalidData, node.Provenance,
                $"elements.{kind} must be a dictionary");
            overrides.ValidateKeys(new[] { "variables", "environment", "environment-nocache", "config", "public", "sandbox" });
        }
        foreach (var (kind, node) in project.SourceOverrides.Entries)
        {
            var overrides = node as MappingNode ?? throw new LoadException(ErrorReason.InvalidData, node.Provenance,
                $"sources.{kind} must be a dictionary");
            overrides.ValidateKeys(new[] { "config" });
        }
    }

    private static void ValidateVersion(MappingNode raw, string display)
    {
        var node = raw["min-version"];
        if (node is null)
        {
            var hint = raw.ContainsKey("format-version")
                ? "This looks like a BuildStream 1 project (format-version); bgx reads BuildStream 2 projects."
                : "Add 'min-version: 2.0' to project.conf.";
            throw new LoadException(ErrorReason.UnsupportedProject, raw["format-version"]?.Provenance ?? Provenance.Unknown(display),
                "Project has no min-version: is this a BuildStream 1 project?", hint);
        }
        var text = (node as ScalarNode)?.Value ?? "";
        var match = VersionPattern().Match(text);
        if (!match.Success)
            throw new LoadException(ErrorReason.InvalidData, node.Provenance,
                $"Malformed min-version '{text}'", "Write it as MAJOR.MINOR, for example 2.0.");
        var major = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var minor = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (major != 2)
            throw new LoadException(ErrorReason.UnsupportedProject, node.Provenance,
                $"Project requires BuildStream {text}; bgx reads BuildStream 2 projects");
        if (minor > SupportedMinorVersion)
            throw new LoadException(ErrorReason.UnsupportedProject, node.Provenance,
                $"Project requires BuildStream {text}; bgx supports up to 2.{SupportedMinorVersion}");
    }

    private static void RejectConditionalProtectedKeys(MappingNode config)
    {
        if (config.TryGetSequence(Composite.Conditionals) is not { } conditionals)
            return;
        foreach (var item in conditionals.Items)
        {
            if (item is not MappingNode branch)
                continue;
            foreach (var (_, fragment) in branch.Entries)
            {
                if (fragment is not MappingNode f)
                    continue;
                foreach (var key in NotConditional)
                {
                    if (f.ContainsKey(key))
                        throw new LoadException(ErrorReason.IllegalComposite, f.KeyProvenance(key),
                            $"'{key}' cannot be set conditionally", "Set it unconditionally in project.conf.");
                }
                RejectConditionalProtectedKeys(f);
            }
        }
    }

    internal static IReadOnlyList<string> ListElementPaths(string elementPath)
    {
        var result = new List<string>();
        foreach (var file in Directory.EnumerateFiles(elementPath, "*.bst", SearchOption.AllDirectories))
            result.Add(Path.GetRelativePath(elementPath, file).Replace('\\', '/'));
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex SymbolName();

    [GeneratedRegex(@"^(\d+)\.(\d+)$")]
    private static partial Regex VersionPattern();
}
