namespace BuildGraph.Engine.Remotes;

/// <summary>The Remote Asset URNs BuildStream 2 uses for artifacts and element sources.</summary>
public static class RemoteAssetNames
{
    /// <summary><c>urn:fdc:buildstream.build:2020:artifact:project/normal-name/key</c>.</summary>
    public static string Artifact(string artifactName) => "urn:fdc:buildstream.build:2020:artifact:" + artifactName;

    /// <summary><c>urn:fdc:buildstream.build:2020:source:key</c>, with the key of an element's sources as a whole.</summary>
    public static string Source(string sourcesKey) => "urn:fdc:buildstream.build:2020:source:" + sourcesKey;
}
