using BuildGraph.Abstractions;

namespace BuildGraph.Cas;

/// <summary>One entry of a stored directory tree, as <see cref="DirectoryTree.ListAsync"/> yields it.</summary>
/// <param name="Path">Relative to the tree's root, '/'-separated.</param>
/// <param name="Digest">A file's content, or a directory's Directory message; null for symlinks.</param>
/// <param name="IsExecutable">Files only.</param>
/// <param name="SymlinkTarget">Symlinks only, exactly as stored.</param>
public sealed record TreeEntry(string Path, TreeEntryKind Kind, Digest? Digest, bool IsExecutable, string? SymlinkTarget);
