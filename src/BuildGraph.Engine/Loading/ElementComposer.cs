using System.Collections.Concurrent;
using BuildGraph.Abstractions;
using BuildGraph.Engine.Graph;
using BuildGraph.Engine.Variables;
using BuildGraph.Yaml;

namespace BuildGraph.Engine.Loading;

/// <summary>
/// Composes an element's sections over its project's and kind's defaults (format.md §3.1), resolves
/// its variables, expands everything that takes variables, and lets its kind and sources configure.
/// Thread-safe: elements may be composed in parallel.
/// </summary>
internal sealed class ElementComposer(LoadContext context, Warnings warnings, ContentDigests digests)
{
    private static readonly string[] ProtectedVariables = { "project-name", "element-name", "max-jobs" };
    private readonly ConcurrentDictionary<(Project, string), MappingNode> _kindDefaults = new();

    public void Compose(Element element)
    {
        var loaded = element.Loaded;
        var node = loaded.Node;
        var kind = ResolveKind(loaded);
        element.Kind = kind;
        var defaults = _kindDefaults.GetOrAdd((loaded.Project, kind.Name), key => KindDefaults.Compose(key.Item1, kind));
        element.LocalOverrides = context.UserConfig.ElementOverride(loaded.Project.Name, loaded.Name);

        var lenient = (kind.Traits & ElementTraits.Opaque) != 0;
        element.Variables = ResolveVariables(element, defaults, node, lenient);
        element.Environment = ComposeEnvironment(element, defaults, node);
        element.EnvironmentNoCache = loaded.Project.EnvironmentNoCache
            .Concat(defaults.GetStringList("environment-nocache"))
            .Concat(node.GetStringList("environment-nocache"))
            .Distinct().ToList();
        element.Config = ExpandSection(element, defaults, node, "config", lenient);
        element.Public = ExpandSection(element, defaults, node, "public", lenient);
        element.Sandbox = ComposeSandbox(element, defaults, node);
        element.Sources = ConfigureSources(element, node);
        CheckTraits(element, kind);

        foreach (var dependency in element.Dependencies)
        {
            for (var i = 0; i < dependency.Configs.Count; i++)
                dependency.Configs[i] = (MappingNode)element.Variables.ExpandNode(dependency.Configs[i]);
        }
        var declarations = element.Dependencies
            .Select(d => new DependencyDeclaration(d.Element.FullName, d.Type, d.Strict, d.Configs, d.Provenance))
            .ToList();
        element.Plugin = kind.Configure(element.Config, new ElementContext(element, declarations, warnings));
    }

    private IElementKind ResolveKind(LoadedElement loaded)
    {
        var project = loaded.Project;
        if (project.ElementKinds.TryGetValue(loaded.Kind, out var declared))
            return declared;
        if (context.Catalog.IsCoreElementKind(loaded.Kind) && context.Catalog.TryGetElementKind(loaded.Kind) is { } core)
            return core;
        var native = context.Catalog.TryGetElementKind(loaded.Kind) is not null;
        throw new LoadException(ErrorReason.UnknownKind, loaded.Node["kind"]!.Provenance,
            $"No element plugin registered for kind '{loaded.Kind}'",
            native
                ? $"'{loaded.Kind}' is a plugin kind: declare it under plugins: in project.conf (bgx implements it natively)."
                : $"Declare the plugin providing '{loaded.Kind}' under plugins: in project.conf, or fix the kind.");
    }

    private VariableSet ResolveVariables(Element element, MappingNode defaults, MappingNode node, bool lenient)
    {
        var variables = (MappingNode)element.Project.BaseVariables.Clone();
        if (defaults.TryGetMapping("variables") is { } kindVariables)
        {
            // Holds the project's elements.<kind>.variables, which may not set these either.
            RejectProtected(kindVariables);
            Composite.Onto(variables, kindVariables);
        }
        if (node.TryGetMapping("variables") is { } own)
        {
            RejectProtected(own);
            Composite.Onto(variables, own);
        }
        if (element.LocalOverrides?.TryGetMapping("variables") is { } local)
            Composite.Onto(variables, local);
        variables.Set("element-name", new ScalarNode(element.Name, element.Provenance));
        if (variables["notparallel"] is ScalarNode notParallel && notParallel.AsBool())
            variables.Set("max-jobs", new ScalarNode("1", notParallel.Provenance));
        Composite.AssertFullyComposited(variables);
        return VariableSet.Resolve(variables, lenient);
    }

    private static void RejectProtected(MappingNode variables)
    {
        foreach (var name in ProtectedVariables)
        {
            if (variables.ContainsKey(name))
                throw new LoadException(ErrorReason.ProtectedVariableRedefined, variables.KeyProvenance(name),
                    $"Cannot override the builtin variable '{name}'", "bgx sets it; remove this definition.");
        }
    }

    private static MappingNode ComposeEnvironment(Element element, MappingNode defaults, MappingNode node)
    {
        var environment = (MappingNode)element.Project.BaseEnvironment.Clone();
        if (defaults.TryGetMapping("environment") is { } kindEnvironment)
            Composite.Onto(environment, kindEnvironment);
        if (node.TryGetMapping("environment") is { } own)
            Composite.Onto(environment, own);
        if (element.LocalOverrides?.TryGetMapping("environment") is { } local)
            Composite.Onto(environment, local);
        // A list directive no layer resolved is BuildStream's TRAILING_LIST_DIRECTIVE, not a type error.
        Composite.AssertFullyComposited(environment);
        foreach (var (key, value) in environment.Entries)
        {
            if (value is not ScalarNode)
                throw new LoadException(ErrorReason.InvalidData, value.Provenance,
                    $"Environment variable '{key}' must be a string, found a {value.TypeName}");
        }
        return (MappingNode)element.Variables.ExpandNode(environment);
    }

    private static MappingNode ExpandSection(Element element, MappingNode defaults, MappingNode node, string key, bool lenient)
    {
        var section = defaults.TryGetMapping(key) is { } d ? (MappingNode)d.Clone() : new MappingNode(node.Provenance);
        if (node.TryGetMapping(key) is { } own)
            Composite.Onto(section, own);
        if (lenient)
            Composite.ResolveTrailingDirectives(section);
        Composite.AssertFullyComposited(section);
        return (MappingNode)element.Variables.ExpandNode(section);
    }

    private static MappingNode ComposeSandbox(Element element, MappingNode defaults, MappingNode node)
    {
        var sandbox = (MappingNode)element.Project.Sandbox.Clone();
        if (defaults.TryGetMapping("sandbox") is { } kindSandbox)
            Composite.Onto(sandbox, kindSandbox);
        if (node.TryGetMapping("sandbox") is { } own)
            Composite.Onto(sandbox, own);
        var expanded = (MappingNode)element.Variables.ExpandNode(sandbox);
        return SandboxConfig.Normalise(expanded);
    }

    private List<SourceInstance> ConfigureSources(Element element, MappingNode node)
    {
        var result = new List<SourceInstance>();
        if (node.TryGetSequence("sources") is not { } sources)
            return result;
        Composite.AssertFullyComposited(sources);
        var project = element.Project;
        var allowedProvenance = project.Config.TryGetMapping("source-provenance-attributes")?.Keys.ToList() ?? new List<string>();
        foreach (var item in sources.Items)
        {
            var raw = item as MappingNode ?? throw new LoadException(ErrorReason.InvalidData, item.Provenance,
                "Each source must be a dictionary with a kind");
            var kindName = raw.GetString("kind");
            var kind = ResolveSourceKind(project, kindName, raw["kind"]!.Provenance);
            var source = project.SourceOverrides.TryGetMapping(kindName)?.TryGetMapping("config") is { } overrides
                ? (MappingNode)overrides.Clone()
                : new MappingNode(raw.Provenance);
            Composite.Onto(source, raw);
            var config = (MappingNode)element.Variables.ExpandNode(source);
            config.Remove("kind");
            var directory = config.TryGetString("directory");
            config.Remove("directory");
            if (config.TryGetMapping("provenance") is { } provenance)
                provenance.ValidateKeys(allowedProvenance);
            config.Remove("provenance");
            StoredRefs.Apply(element, kind.RefKeys, config, result.Count, raw.Provenance, warnings);
            var context2 = new SourceContext(project, element.FullName, raw.Provenance, warnings, digests, context);
            var configured = kind.Configure(config, context2);
            // Reconfiguring (tracking, with a new ref) must not repeat the warnings of this first pass.
            var at = raw.Provenance;
            result.Add(new SourceInstance(kindName, kind, configured, string.IsNullOrEmpty(directory) ? null : directory, config, at,
                c => kind.Configure(c, new SourceContext(project, element.FullName, at, new Warnings(), digests, context))));
        }
        return result;
    }

    private ISourceKind ResolveSourceKind(Project project, string kind, Provenance at)
    {
        if (project.SourceKinds.TryGetValue(kind, out var declared))
            return declared;
        if (context.Catalog.IsCoreSourceKind(kind) && context.Catalog.TryGetSourceKind(kind) is { } core)
            return core;
        throw new LoadException(ErrorReason.UnknownKind, at, $"No source plugin registered for kind '{kind}'",
            $"Declare the plugin providing '{kind}' under plugins: in project.conf, or fix the kind.");
    }

    private static void CheckTraits(Element element, IElementKind kind)
    {
        var traits = kind.Traits;
        if ((traits & ElementTraits.ForbidsSources) != 0 && element.Sources.Count > 0)
            throw new LoadException(ErrorReason.InvalidData, element.Sources[0].Provenance,
                $"Elements of kind '{kind.Name}' cannot have sources");
        if ((traits & ElementTraits.RequiresSources) != 0 && element.Sources.Count == 0)
            throw new LoadException(ErrorReason.InvalidData, element.Provenance,
                $"Elements of kind '{kind.Name}' need at least one source");
        if ((traits & ElementTraits.ForbidsDependencies) != 0 && element.Dependencies.Count > 0)
            throw new LoadException(ErrorReason.InvalidData, element.Dependencies[0].Provenance,
                $"Elements of kind '{kind.Name}' cannot have dependencies");
    }
}
