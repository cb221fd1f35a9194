using System.Text.Json.Nodes;

namespace BuildGraph.Plugins.Sources;

/// <summary>
/// One entry of a cargo2 ref: a registry crate (<see cref="Sha"/> null until tracked) or a crate
/// from a git repository at <see cref="Commit"/>, with the lock file's query (branch, tag or rev).
/// </summary>
internal sealed record CrateRef(
    string Kind,
    string Name,
    string Version,
    string? Sha,
    string? Repo,
    string? Commit,
    IReadOnlyList<KeyValuePair<string, string>> Query)
{
    public const string Registry = "registry";
    public const string Git = "git";

    public bool IsResolved => Kind == Git || Sha is not null;

    /// <summary>The entry in the normalised form that enters the key.</summary>
    public JsonObject ToJson()
    {
        if (Kind == Registry)
            return new JsonObject { ["kind"] = Kind, ["name"] = Name, ["version"] = Version, ["sha"] = Sha };
        var entry = new JsonObject
        {
            ["kind"] = Kind,
            ["name"] = Name,
            ["version"] = Version,
            ["repo"] = Repo,
            ["commit"] = Commit,
        };
        if (Query.Count > 0)
        {
            var query = new JsonObject();
            foreach (var (key, value) in Query)
                query[key] = value;
            entry["query"] = query;
        }
        return entry;
    }
}
