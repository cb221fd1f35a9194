namespace BuildGraph.Yaml;

/// <summary>The part of bgx a user error belongs to.</summary>
public enum ErrorDomain
{
    Load,
    Element,
    Source,
    Cas,
    Sandbox,
    Remote,
    App,
}
