namespace BuildGraph.Abstractions;

/// <summary>A named phase (configure-commands, build-commands, ...) and its commands in order.</summary>
public sealed record CommandGroup(string Name, IReadOnlyList<string> Commands);
