namespace BuildGraph.Plugins.Sources;

/// <summary>A submodule override: a replacement URL and/or whether to check it out (null = unset).</summary>
internal sealed record GitSubmodule(string Path, string? Url, bool? Checkout);
