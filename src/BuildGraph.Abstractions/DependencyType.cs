namespace BuildGraph.Abstractions;

/// <summary>Whether a dependency is staged for the build, needed at run time, or both.</summary>
[Flags]
public enum DependencyType
{
    Build = 1,
    Runtime = 2,
    All = Build | Runtime,
}
