namespace BuildGraph.Cas;

public enum TreeEntryKind
{
    File,
    Directory,
    Symlink,
}
