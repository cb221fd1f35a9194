using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// A project's <c>project.refs</c> (or <c>junction.refs</c>) file, used with <c>ref-storage: project.refs</c>:
/// <c>projects: {&lt;project&gt;: {&lt;element&gt;: [{ref: …}, {}, …]}}</c>, one entry per source in order.
/// Read once, on first use; thread-safe. A missing file holds no refs.
/// </summary>
internal sealed class ProjectRefs
{
    private readonly Lazy<MappingNode?> _root;

    public ProjectRefs(string directory, string fileName)
    {
        Path = System.IO.Path.Combine(directory, fileName);
        FileName = fileName;
        _root = new Lazy<MappingNode?>(() => File.Exists(Path) ? Validate(YamlLoader.LoadFile(Path, FileName)) : null);
    }

    /// <summary>Absolute path of the file (which may not exist).</summary>
    public string Path { get; }

    public string FileName { get; }

    /// <summary>The stored entry of source <paramref name="index"/> of <paramref name="element"/> in <paramref name="project"/>, or null.</summary>
    /// <exception cref="LoadException">The file is malformed.</exception>
    public MappingNode? Lookup(string project, string element, int index) =>
        _root.Value is { } root ? new ProjectRefsView(root).Lookup(project, element, index) : null;

    /// <summary>
    /// The file's text with each (project, element, source index) entry's <c>ref</c> (and the keys written
    /// beside it) set. When every entry and key is already there, the values are replaced in place and the
    /// rest of the file (comments, blank lines, layout) stays byte for byte; otherwise the file is written
    /// anew, creating its structure as needed (missing entries before an index become <c>{}</c>).
    /// </summary>
    public static string Update(string? text, string fileName,
        IEnumerable<(string Project, string Element, int Index, IEnumerable<KeyValuePair<string, Node>> Keys)> refs)
    {
        var targets = refs.Select(r => (r.Project, r.Element, r.Index, Keys: r.Keys.ToList())).ToList();
        if (text is not null && TryUpdateInPlace(text, fileName, targets) is { } edited)
            return edited;
        var root = text is null ? new MappingNode(Provenance.Unknown(fileName)) : Validate(YamlLoader.LoadString(text, fileName));
        var projects = Child<MappingNode>(root, "projects");
        foreach (var (project, element, index, keys) in targets)
        {
            var sources = Child<SequenceNode>(Child<MappingNode>(projects, project), element);
            while (sources.Count <= index)
                sources.Items.Add(new MappingNode(Provenance.Unknown(fileName)));
            foreach (var (key, value) in keys)
                ((MappingNode)sources.Items[index]).Set(key, value);
        }
        return YamlWriter.Write(root);
    }

    /// <summary>The text edited in place, or null when some entry or key is missing (or the edit would not read back).</summary>
    private static string? TryUpdateInPlace(string text, string fileName,
        List<(string Project, string Element, int Index, List<KeyValuePair<string, Node>> Keys)> targets)
    {
        var before = new ProjectRefsView(Validate(YamlLoader.LoadString(text, fileName)));
        var editor = new Yaml.Editing.YamlTextEditor(text, fileName);
        foreach (var (project, element, index, keys) in targets)
        {
            if (before.Lookup(project, element, index) is not { } entry || keys.Any(k => entry[k.Key] is null))
                return null;
            foreach (var (key, value) in keys)
                editor.SetValue(entry.Provenance.Line, entry.Provenance.Column, key, value);
        }
        var edited = editor.Apply();
        var after = new ProjectRefsView(Validate(YamlLoader.LoadString(edited, fileName)));
        var readsBack = targets.All(t => after.Lookup(t.Project, t.Element, t.Index) is { } entry
            && t.Keys.All(k => Tracking.RefEquality.Equal(entry[k.Key], k.Value)));
        return readsBack ? edited : null;
    }

    private sealed record ProjectRefsView(MappingNode Root)
    {
        public MappingNode? Lookup(string project, string element, int index) =>
            Root.TryGetMapping("projects")?.TryGetMapping(project)?.TryGetSequence(element) is { } sources && index < sources.Count
                ? sources.Items[index] as MappingNode
                : null;
    }

    private static T Child<T>(MappingNode parent, string key)
        where T : Node
    {
        if (parent[key] is T existing)
            return existing;
        Node created = typeof(T) == typeof(MappingNode) ? new MappingNode(parent.Provenance) : new SequenceNode(parent.Provenance);
        parent.Set(key, created);
        return (T)created;
    }

    /// <summary>Checks the layout so that lookups and updates never meet an unexpected type.</summary>
    private static MappingNode Validate(MappingNode root)
    {
        root.ValidateKeys(new[] { "projects" });
        if (root["projects"] is null)
            return root;
        var projects = root["projects"] as MappingNode ?? throw Invalid(root["projects"]!, "projects must be a dictionary of project names");
        foreach (var (_, elements) in projects.Entries)
        {
            var byElement = elements as MappingNode ?? throw Invalid(elements, "Each project must be a dictionary of element names");
            foreach (var (_, sources) in byElement.Entries)
            {
                var list = sources as SequenceNode ?? throw Invalid(sources, "Each element must have a list with one entry per source");
                foreach (var entry in list.Items)
                {
                    if (entry is not MappingNode)
                        throw Invalid(entry, "Each source entry must be a dictionary ({} or {ref: …})");
                }
            }
        }
        return root;
    }

    private static LoadException Invalid(Node at, string message) =>
        new(ErrorReason.InvalidData, at.Provenance, message, "The layout is projects: {<project>: {<element>: [{ref: …}, {}, …]}}.");
}
