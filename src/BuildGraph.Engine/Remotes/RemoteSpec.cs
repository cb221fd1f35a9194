using BuildGraph.Yaml;

namespace BuildGraph.Engine.Remotes;

/// <summary>
/// One remote cache as BuildStream 2 configures it: <c>url</c>, <c>instance-name</c>, <c>type</c>,
/// <c>push</c>, <c>auth</c> (file paths) and <c>connection-config</c>. Immutable; reading the
/// credential files is the transport's business.
/// </summary>
public sealed record RemoteSpec
{
    private static readonly string[] Keys = ["url", "instance-name", "type", "push", "auth", "connection-config"];
    private static readonly string[] AuthKeys = ["server-cert", "client-cert", "client-key", "access-token", "access-token-reload-interval"];
    private static readonly string[] ConnectionKeys = ["keepalive-time", "retry-limit", "retry-delay", "request-timeout"];

    public required string Url { get; init; }
    public string InstanceName { get; init; } = "";
    public RemoteType Type { get; init; } = RemoteType.All;
    public bool Push { get; init; }

    /// <summary>PEM file of the CA (or certificate) that the server's certificate must chain to.</summary>
    public string? ServerCert { get; init; }

    /// <summary>PEM client certificate and its key, for servers that authenticate clients by certificate.</summary>
    public string? ClientCert { get; init; }
    public string? ClientKey { get; init; }

    /// <summary>A file holding a bearer token, sent with every call.</summary>
    public string? AccessToken { get; init; }

    /// <summary><c>keepalive-time</c> in seconds, or null.</summary>
    public int? KeepAliveSeconds { get; init; }

    /// <summary><c>retry-limit</c>, or null for the client's default.</summary>
    public int? RetryLimit { get; init; }

    /// <summary><c>retry-delay</c> in milliseconds, or null.</summary>
    public int? RetryDelayMilliseconds { get; init; }

    /// <summary><c>request-timeout</c> in seconds, or null.</summary>
    public int? RequestTimeoutSeconds { get; init; }

    /// <summary>Where it was configured (for messages); unknown for the command line.</summary>
    public Provenance? Provenance { get; init; }

    public bool HasIndex => Type is RemoteType.All or RemoteType.Index;
    public bool HasStorage => Type is RemoteType.All or RemoteType.Storage;

    /// <summary>
    /// Reads a spec mapping. Relative auth paths are taken from <paramref name="baseDirectory"/> (the
    /// project's directory for project.conf; null in the user configuration, where paths must be absolute
    /// or start with <c>~</c>).
    /// </summary>
    public static RemoteSpec FromNode(MappingNode node, string? baseDirectory)
    {
        node.ValidateKeys(Keys);
        var url = node.GetString("url");
        if (url.Length == 0)
            throw new LoadException(ErrorReason.InvalidData, node["url"]!.Provenance, "Empty remote cache URL");
        CheckUrl(url, node["url"]!.Provenance);
        string? serverCert = null, clientCert = null, clientKey = null, accessToken = null;
        if (node.TryGetMapping("auth") is { } auth)
        {
            auth.ValidateKeys(AuthKeys);
            serverCert = ResolvePath(auth.TryGetString("server-cert"), baseDirectory);
            clientCert = ResolvePath(auth.TryGetString("client-cert"), baseDirectory);
            clientKey = ResolvePath(auth.TryGetString("client-key"), baseDirectory);
            accessToken = ResolvePath(auth.TryGetString("access-token"), baseDirectory);
            if ((clientCert is null) != (clientKey is null))
            {
                var given = clientCert is null ? "client-key" : "client-cert";
                throw new LoadException(ErrorReason.InvalidData, auth[given]!.Provenance,
                    $"'{given}' was specified without '{(clientCert is null ? "client-cert" : "client-key")}'");
            }
        }
        var connection = node.TryGetMapping("connection-config");
        connection?.ValidateKeys(ConnectionKeys);
        return new RemoteSpec
        {
            Url = url,
            InstanceName = node.TryGetString("instance-name") ?? "",
            Type = ParseType(node.TryGetString("type") ?? "all", node["type"]?.Provenance ?? node.Provenance),
            Push = node.GetBool("push", false),
            ServerCert = serverCert,
            ClientCert = clientCert,
            ClientKey = clientKey,
            AccessToken = accessToken,
            KeepAliveSeconds = OptionalInt(connection, "keepalive-time"),
            RetryLimit = OptionalInt(connection, "retry-limit"),
            RetryDelayMilliseconds = OptionalInt(connection, "retry-delay"),
            RequestTimeoutSeconds = OptionalInt(connection, "request-timeout"),
            Provenance = node.Provenance,
        };
    }

    /// <summary>
    /// A remote given on the command line: a URL, or <c>url=…,type=…,push=…,instance-name=…,server-cert=…</c>
    /// as bst's <c>--remote</c> takes it. It may push unless <paramref name="pullOnly"/>.
    /// </summary>
    public static RemoteSpec Parse(string text, bool pullOnly = false)
    {
        var commandLine = new Provenance("command line", 0, 0);
        var parts = text.Split(',');
        if (parts.Length == 1)
        {
            CheckUrl(text, commandLine);
            return new RemoteSpec { Url = text, Push = !pullOnly, Provenance = commandLine };
        }
        var spec = new RemoteSpec { Url = "", Push = !pullOnly, Provenance = commandLine };
        var cwd = Directory.GetCurrentDirectory();
        foreach (var part in parts)
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
                throw Invalid($"Invalid '{part}' in remote specification '{text}'", "Use url=URL,type=all|index|storage,push=true|false,instance-name=NAME");
            var (key, value) = (pair[0], pair[1]);
            spec = key switch
            {
                "url" => spec with { Url = value },
                "instance-name" => spec with { InstanceName = value },
                "type" => spec with { Type = ParseType(value, commandLine) },
                "push" when pullOnly => throw Invalid("The 'push' key is not valid for a pull remote"),
                "push" => spec with { Push = value is "true" or "True" ? true : value is "false" or "False" ? false : throw Invalid("push must be true or false") },
                "server-cert" => spec with { ServerCert = ResolvePath(value, cwd) },
                "client-cert" => spec with { ClientCert = ResolvePath(value, cwd) },
                "client-key" => spec with { ClientKey = ResolvePath(value, cwd) },
                "access-token" => spec with { AccessToken = ResolvePath(value, cwd) },
                _ => throw Invalid($"Unexpected key '{key}' in remote specification '{text}'"),
            };
        }
        if (spec.Url.Length == 0)
            throw Invalid($"No url in remote specification '{text}'");
        CheckUrl(spec.Url, commandLine);
        return spec;
    }

    public override string ToString() => InstanceName.Length > 0 ? $"{Url} (instance {InstanceName})" : Url;

    private static RemoteType ParseType(string value, Provenance at) => value switch
    {
        "all" => RemoteType.All,
        "index" => RemoteType.Index,
        "storage" => RemoteType.Storage,
        _ => throw new LoadException(ErrorReason.InvalidData, at, $"Invalid remote type '{value}'", "Use all, index or storage."),
    };

    private static void CheckUrl(string url, Provenance at)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "grpc" or "grpcs") || uri.Host.Length == 0)
            throw new LoadException(ErrorReason.InvalidData, at, $"Invalid remote cache URL '{url}'",
                "Use http://HOST:PORT or https://HOST:PORT.");
    }

    private static int? OptionalInt(MappingNode? node, string key) =>
        node is not null && node.ContainsKey(key) ? node.GetInt(key, 0) : null;

    private static string? ResolvePath(string? path, string? baseDirectory)
    {
        if (string.IsNullOrEmpty(path))
            return null;
        if (path.StartsWith('~'))
            path = (Environment.GetEnvironmentVariable("HOME") ?? "/") + path[1..];
        return baseDirectory is null ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
    }

    private static LoadException Invalid(string message, string? detail = null) =>
        new(ErrorReason.InvalidConfig, new Provenance("command line", 0, 0), message, detail);
}
