using BuildGraph.Engine.Remotes;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Config;

/// <summary>
/// The user's configuration (<c>~/.config/bgx.conf</c> or <c>--config FILE</c>): the keys of
/// BuildStream's buildstream.conf that apply to bgx, plus per-project element overrides.
/// </summary>
public sealed class UserConfig
{
    private static readonly string[] TopLevelKeys =
    {
        "cachedir", "sourcedir", "logdir", "workspacedir", "cache", "scheduler", "build", "fetch", "track",
        "logging", "artifacts", "source-caches", "remote-execution", "projects",
    };

    private static readonly string[] ProjectKeys =
    {
        "artifacts", "source-caches", "options", "strict", "default-mirror", "remote-execution", "mirrors", "elements",
    };

    private readonly MappingNode _projects;

    private UserConfig(MappingNode root, string? file)
    {
        File = file;
        Root = root;
        _projects = root.TryGetMapping("projects") ?? new MappingNode(root.Provenance);
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/tmp";
        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".cache");
        CacheDirectory = PathValue(root, "cachedir") ?? Path.Combine(cacheHome, "bgx");
        SourceDirectory = PathValue(root, "sourcedir") ?? Path.Combine(CacheDirectory, "sources");
        LogDirectory = PathValue(root, "logdir") ?? Path.Combine(CacheDirectory, "logs");
        var scheduler = root.TryGetMapping("scheduler") ?? new MappingNode(root.Provenance);
        scheduler.ValidateKeys(new[] { "fetchers", "builders", "pushers", "network-retries", "on-error" });
        Builders = scheduler.GetInt("builders", Environment.ProcessorCount);
        Fetchers = scheduler.GetInt("fetchers", 10);
        Pushers = scheduler.GetInt("pushers", 4);
        NetworkRetries = scheduler.GetInt("network-retries", 2);
        OnError = scheduler.GetString("on-error", "quit");
        if (OnError is not ("quit" or "continue" or "terminate"))
            throw new LoadException(ErrorReason.InvalidData, scheduler["on-error"]!.Provenance,
                $"Invalid on-error value '{OnError}'", "Use quit, continue or terminate.");
        var build = root.TryGetMapping("build") ?? new MappingNode(root.Provenance);
        build.ValidateKeys(new[] { "max-jobs", "retry-failed", "dependencies" });
        MaxJobs = build.GetInt("max-jobs", 0);
        var logging = root.TryGetMapping("logging") ?? new MappingNode(root.Provenance);
        KeyLength = logging.GetInt("key-length", 8);
        Artifacts = RemoteCacheConfig.FromNode(root.TryGetMapping("artifacts"));
        SourceCaches = RemoteCacheConfig.FromNode(root.TryGetMapping("source-caches"));
        foreach (var (name, node) in _projects.Entries)
        {
            if (node is not MappingNode project)
                throw new LoadException(ErrorReason.InvalidData, node.Provenance, $"projects.{name} must be a dictionary");
            project.ValidateKeys(ProjectKeys);
            _projectArtifacts[name] = RemoteCacheConfig.FromNode(project.TryGetMapping("artifacts"));
            _projectSourceCaches[name] = RemoteCacheConfig.FromNode(project.TryGetMapping("source-caches"));
        }
    }

    private readonly Dictionary<string, RemoteCacheConfig> _projectArtifacts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RemoteCacheConfig> _projectSourceCaches = new(StringComparer.Ordinal);

    /// <summary>The global <c>artifacts</c> section: remote artifact caches for every project.</summary>
    public RemoteCacheConfig Artifacts { get; }

    /// <summary>The global <c>source-caches</c> section.</summary>
    public RemoteCacheConfig SourceCaches { get; }

    /// <summary><c>projects.NAME.artifacts</c>, or empty.</summary>
    public RemoteCacheConfig ProjectArtifacts(string projectName) =>
        _projectArtifacts.GetValueOrDefault(projectName) ?? RemoteCacheConfig.Empty;

    /// <summary><c>projects.NAME.source-caches</c>, or empty.</summary>
    public RemoteCacheConfig ProjectSourceCaches(string projectName) =>
        _projectSourceCaches.GetValueOrDefault(projectName) ?? RemoteCacheConfig.Empty;

    /// <summary>The file it was read from, or null for the embedded defaults.</summary>
    public string? File { get; }

    public MappingNode Root { get; }

    public string CacheDirectory { get; }
    public string SourceDirectory { get; }
    public string LogDirectory { get; }
    public int Builders { get; }
    public int Fetchers { get; }

    /// <summary><c>scheduler: pushers</c>: artifact pushes at once.</summary>
    public int Pushers { get; }
    public int NetworkRetries { get; }
    public string OnError { get; }
    public int MaxJobs { get; }
    public int KeyLength { get; }

    /// <summary>The <c>projects.&lt;name&gt;</c> section, or null.</summary>
    public MappingNode? ForProject(string projectName) => _projects.TryGetMapping(projectName);

    /// <summary>
    /// This machine's overrides of one element (<c>projects.P.elements.E</c>: environment, variables), or null.
    /// They enter the element's cache key.
    /// </summary>
    public MappingNode? ElementOverride(string projectName, string elementName)
    {
        var elements = ForProject(projectName)?.TryGetMapping("elements");
        var node = elements?.TryGetMapping(elementName);
        node?.ValidateKeys(new[] { "environment", "variables" });
        return node;
    }

    public static UserConfig Defaults() => new(new MappingNode(new Provenance("(defaults)", 0, 0)), null);

    /// <summary>Reads <paramref name="explicitFile"/>, else the default location when it exists.</summary>
    public static UserConfig Load(string? explicitFile)
    {
        var file = explicitFile ?? DefaultLocation();
        if (file is null)
            return Defaults();
        if (!System.IO.File.Exists(file))
        {
            if (explicitFile is null)
                return Defaults();
            throw new LoadException(ErrorReason.MissingFile, Provenance.Unknown(file),
                $"Configuration file {file} does not exist", "Check the path given to --config.");
        }
        var root = YamlLoader.LoadFile(file, file);
        foreach (var obsolete in new[] { "builddir", "artifactdir" })
        {
            if (root.ContainsKey(obsolete))
                throw new LoadException(ErrorReason.UnexpectedKey, root.KeyProvenance(obsolete),
                    $"The '{obsolete}' setting is obsolete", "Use cachedir instead.");
        }
        root.ValidateKeys(TopLevelKeys);
        return new UserConfig(root, file);
    }

    private static string? DefaultLocation()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : home is null ? null : Path.Combine(home, ".config");
        return configHome is null ? null : Path.Combine(configHome, "bgx.conf");
    }

    private static string? PathValue(MappingNode root, string key)
    {
        var value = root.TryGetString(key);
        if (value is null)
            return null;
        var expanded = ExpandShellVariables(value);
        if (expanded.StartsWith('~'))
            expanded = (Environment.GetEnvironmentVariable("HOME") ?? "/") + expanded[1..];
        if (!Path.IsPathRooted(expanded))
            throw new LoadException(ErrorReason.InvalidData, root[key]!.Provenance,
                $"{key} must be an absolute path, got '{value}'");
        return expanded;
    }

    /// <summary>Expands <c>$VAR</c> and <c>${VAR}</c> from the environment, as a shell would.</summary>
    internal static string ExpandShellVariables(string value)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 >= value.Length)
            {
                sb.Append(value[i]);
                continue;
            }
            var braced = value[i + 1] == '{';
            var start = braced ? i + 2 : i + 1;
            var end = start;
            while (end < value.Length && (char.IsLetterOrDigit(value[end]) || value[end] == '_'))
                end++;
            if (end == start || (braced && (end >= value.Length || value[end] != '}')))
            {
                sb.Append(value[i]);
                continue;
            }
            sb.Append(Environment.GetEnvironmentVariable(value[start..end]) ?? "");
            i = braced ? end : end - 1;
        }
        return sb.ToString();
    }
}
