using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BuildGraph.Yaml;

/// <summary>
/// Reads YAML into nodes with provenance from the parser's event marks. Enforces the BuildStream
/// subset: one document, a mapping at the root, string keys, no anchors, aliases, custom tags or
/// duplicate keys.
/// </summary>
public static class YamlLoader
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>Loads <paramref name="path"/>, naming it <paramref name="displayName"/> in provenance.</summary>
    public static MappingNode LoadFile(string path, string displayName, Provenance? includedFrom = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LoadException(ErrorReason.MissingFile, includedFrom ?? Provenance.Unknown(displayName),
                $"Could not find file at {displayName}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LoadException(ErrorReason.MissingFile, includedFrom ?? Provenance.Unknown(displayName),
                $"Could not read {displayName}: {e.Message}");
        }
        catch (IOException e)
        {
            // Reading a directory ends up here.
            throw new LoadException(ErrorReason.MissingFile, includedFrom ?? Provenance.Unknown(displayName),
                $"Could not read {displayName}: {e.Message}", "Expected a YAML file, not a directory.");
        }
        return LoadString(text, displayName);
    }

    public static MappingNode LoadString(string text, string displayName)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            return new Reader(parser, displayName).ReadStream();
        }
        catch (YamlException e)
        {
            throw new LoadException(ErrorReason.InvalidYaml, new Provenance(displayName, (int)e.Start.Line, (int)e.Start.Column),
                $"Malformed YAML: {e.Message}", "Check the indentation and quoting at this place.");
        }
    }

    private sealed class Reader(IParser parser, string file)
    {
        public MappingNode ReadStream()
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
                return new MappingNode(new Provenance(file, 1, 1));
            var docStart = parser.Consume<DocumentStart>();
            Node root;
            if (parser.Accept<DocumentEnd>(out _))
                root = new MappingNode(At(docStart.Start));
            else
                root = ReadNode();
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
                throw new LoadException(ErrorReason.InvalidYaml, At(second.Start),
                    "Found more than one YAML document", "A BuildStream file holds exactly one document: remove the '---' separator.");
            parser.Consume<StreamEnd>();
            if (root is ScalarNode { Value: "" })
                return new MappingNode(root.Provenance);
            return root as MappingNode ?? throw new LoadException(ErrorReason.InvalidYaml, root.Provenance,
                $"The top level of the file is a {root.TypeName}, expected a dictionary");
        }

        private Provenance At(Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

        private Node ReadNode()
        {
            var ev = parser.Current ?? throw new LoadException(ErrorReason.InvalidYaml, Provenance.Unknown(file), "Unexpected end of YAML");
            switch (ev)
            {
                case AnchorAlias alias:
                    throw new LoadException(ErrorReason.InvalidYaml, At(alias.Start),
                        $"YAML aliases are not supported (*{alias.Value})", "Write the value out in full.");
                case Scalar scalar:
                    parser.MoveNext();
                    CheckProperties(scalar);
                    return new ScalarNode(scalar.Value.Trim(), At(scalar.Start));
                case SequenceStart seqStart:
                    {
                        parser.MoveNext();
                        CheckProperties(seqStart);
                        var seq = new SequenceNode(At(seqStart.Start));
                        while (!parser.TryConsume<SequenceEnd>(out _))
                            seq.Items.Add(ReadNode());
                        return seq;
                    }
                case MappingStart mapStart:
                    {
                        parser.MoveNext();
                        CheckProperties(mapStart);
                        var map = new MappingNode(At(mapStart.Start));
                        while (!parser.TryConsume<MappingEnd>(out _))
                        {
                            var keyEvent = parser.Current!;
                            var keyNode = ReadNode();
                            if (keyNode is not ScalarNode key)
                                throw new LoadException(ErrorReason.InvalidYaml, At(keyEvent.Start),
                                    $"Dictionary keys must be strings, found a {keyNode.TypeName}");
                            if (map.ContainsKey(key.Value))
                                throw new LoadException(ErrorReason.InvalidYaml, key.Provenance,
                                    $"Duplicate key '{key.Value}'",
                                    $"It was first defined at {map.KeyProvenance(key.Value)}; remove one of them.");
                            var value = ReadNode();
                            map.Set(key.Value, value, key.Provenance);
                        }
                        return map;
                    }
                default:
                    throw new LoadException(ErrorReason.InvalidYaml, At(ev.Start), $"Unexpected YAML event {ev.GetType().Name}");
            }
        }

        private void CheckProperties(NodeEvent ev)
        {
            if (!ev.Anchor.IsEmpty)
                throw new LoadException(ErrorReason.InvalidYaml, At(ev.Start),
                    $"YAML anchors are not supported (&{ev.Anchor})", "Write the value out in full.");
            if (!ev.Tag.IsEmpty && !ev.Tag.IsNonSpecific && !ev.Tag.Value.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
                throw new LoadException(ErrorReason.InvalidYaml, At(ev.Start),
                    $"YAML tag '{ev.Tag.Value}' is not supported", "Remove the tag; every value is read as a string.");
        }
    }
}
