using System.Text;
using BuildGraph.Abstractions;
using BuildGraph.Cas;
using BuildGraph.Engine.Graph;
using BuildGraph.Engine.Loading;
using BuildGraph.Yaml;
using BuildGraph.Yaml.Editing;

namespace BuildGraph.Engine.Tracking;

/// <summary>
/// Writes tracked refs back (format.md §7.7). Inline storage edits the file that declared each source (the
/// .bst or an include of the same project) in place, changing only the <c>ref</c> value (and the keys a kind writes beside it); project.refs
/// storage updates the toplevel project's project.refs (junction.refs for junction elements). Elements of
/// junctioned projects are not persisted with inline storage (a warning). Each file is written once,
/// atomically, and only when its text changes; an element whose refs cannot all be written writes none.
/// </summary>
internal sealed class RefWriter(Warnings warnings)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private sealed record InlineEdit(Element Element, SourceTrackOutcome Source, string Path);

    public async Task<RefWriteResult> WriteAsync(IReadOnlyList<ElementTrackOutcome> outcomes, CancellationToken cancellationToken)
    {
        var errors = new List<(Element, BgxException)>();
        var inline = new List<InlineEdit>();
        var stored = new Dictionary<string, List<(string, string, int, IEnumerable<KeyValuePair<string, Node>>)>>(StringComparer.Ordinal);
        foreach (var outcome in outcomes.Where(o => o.Changed))
        {
            var element = outcome.Element;
            var project = element.Project;
            var toplevel = project.Toplevel;
            var changed = outcome.Sources.Where(s => s.Changed).ToList();
            if (toplevel.UsesProjectRefs)
            {
                var path = StoredRefs.For(toplevel, element).Path;
                if (!stored.TryGetValue(path, out var list))
                    stored[path] = list = new();
                list.AddRange(changed.Select(s => (project.Name, element.Name, s.Index, s.Written)));
            }
            else if (!ReferenceEquals(project, toplevel))
            {
                warnings.Report(changed[0].Source.Provenance,
                    $"Not persisting the new ref of {element.FullName}: it belongs to a junctioned project (refs of subprojects are written only with ref-storage: project.refs)");
            }
            else
            {
                try
                {
                    inline.AddRange(changed.Select(s => new InlineEdit(element, s, DeclaringFile(project, s))));
                }
                catch (BgxException e)
                {
                    errors.Add((element, e));
                }
            }
        }
        var files = new List<string>();
        await WriteInlineAsync(inline, files, errors, cancellationToken).ConfigureAwait(false);
        foreach (var (path, refs) in stored)
        {
            var old = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
            var text = ProjectRefs.Update(old, Path.GetFileName(path), refs);
            if (text != old)
            {
                await AtomicFile.WriteAllBytesAsync(path, Utf8.GetBytes(text), cancellationToken).ConfigureAwait(false);
                files.Add(path);
            }
        }
        return new RefWriteResult(files, errors);
    }

    /// <summary>Edits each file once; an element with a source that cannot be found is left out entirely.</summary>
    private static async Task WriteInlineAsync(List<InlineEdit> edits, List<string> files, List<(Element, BgxException)> errors,
        CancellationToken cancellationToken)
    {
        var editors = new Dictionary<string, (YamlTextEditor Editor, string Text, bool Bom)>(StringComparer.Ordinal);
        foreach (var path in edits.Select(e => e.Path).Distinct())
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
            var text = Utf8.GetString(bom ? bytes[3..] : bytes);
            editors[path] = (new YamlTextEditor(text, edits.First(e => e.Path == path).Source.Source.Provenance.File), text, bom);
        }
        foreach (var group in edits.GroupBy(e => e.Element))
        {
            var missing = group.FirstOrDefault(e => !editors[e.Path].Editor.HasMapping(e.Source.Source.Provenance.Line, e.Source.Source.Provenance.Column));
            if (missing is not null)
            {
                errors.Add((group.Key, new SourceException(ErrorReason.InvalidData, missing.Source.Source.Provenance,
                    $"Cannot write the new ref of {group.Key.FullName}: the source is no longer at this place in the file",
                    "The file changed since it was loaded; track again.")));
                continue;
            }
            foreach (var edit in group)
            {
                var at = edit.Source.Source.Provenance;
                foreach (var (key, value) in edit.Source.Written)
                    editors[edit.Path].Editor.SetValue(at.Line, at.Column, key, value);
            }
        }
        foreach (var (path, (editor, text, bom)) in editors)
        {
            var updated = editor.Apply();
            if (updated == text)
                continue;
            var bytes = Utf8.GetBytes(updated);
            await AtomicFile.WriteAllBytesAsync(path, bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes, cancellationToken).ConfigureAwait(false);
            files.Add(path);
        }
    }

    /// <summary>The project file that declared the source; sources from a junctioned project's fragment cannot be written.</summary>
    private static string DeclaringFile(Project project, SourceTrackOutcome source)
    {
        var at = source.Source.Provenance;
        var path = Path.GetFullPath(Path.Combine(project.Directory, at.File));
        if (at.Line > 0 && File.Exists(path) && path.StartsWith(project.Directory.TrimEnd('/') + "/", StringComparison.Ordinal))
            return path;
        throw new SourceException(ErrorReason.InvalidData, at,
            $"Cannot write the new ref: the source is declared in {at.File}, a fragment of a junctioned project",
            "Set the ref where the fragment lives, or use ref-storage: project.refs.");
    }
}
