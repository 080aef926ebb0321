using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace WiGuard.Check.Input;

/// <summary>
/// Reads a (multi-document) YAML stream into JSON documents, keeping each document's line,
/// resolving anchors, aliases and <c>&lt;&lt;</c> merge keys the way kubectl does.
/// </summary>
internal sealed class YamlManifest
{
    /// <summary>Bounds what aliases may expand to, so a small hostile file cannot exhaust memory.</summary>
    private const int MaxNodesPerDocument = 2_000_000;

    private const int MaxDepth = 64;

    /// <summary>Kubernetes keeps these maps' values as strings, so an unquoted <c>true</c> there stays text.</summary>
    private static readonly HashSet<string> StringMaps = new(StringComparer.Ordinal)
        { "annotations", "labels", "nodeSelector", "data", "stringData", "matchLabels" };

    private readonly string _file;
    private readonly Parser _parser;
    private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private int _nodes;
    private int _lastLine = 1;

    private YamlManifest(string file, TextReader reader)
    {
        _file = file;
        _parser = new Parser(reader);
    }

    /// <exception cref="ManifestInputException">The YAML is broken; the message names file and line.</exception>
    public static List<ManifestDocument> Read(string file, TextReader reader)
    {
        var documents = new List<ManifestDocument>();
        var manifest = new YamlManifest(file, reader);
        try
        {
            manifest.ReadAll(documents);
        }
        catch (YamlException ex)
        {
            throw new ManifestInputException(file, (int)ex.Start.Line, $"not valid YAML: {Describe(ex)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser has no event left to give: the stream ended in the middle of a node.
            throw new ManifestInputException(file, manifest._lastLine, "not valid YAML: the input ends inside a value (an unclosed bracket or quote?)");
        }

        return documents;
    }

    private void ReadAll(List<ManifestDocument> documents)
    {
        _parser.Consume<StreamStart>();
        while (_parser.TryConsume<DocumentStart>(out _))
        {
            _anchors.Clear();
            _nodes = 0;
            var line = (int)Current().Start.Line;
            var itemLines = new List<int>();
            var root = ReadNode(asString: false, stringMap: false, depth: 0, itemLines);
            documents.Add(new ManifestDocument(root, line, root is JsonObject { } o && o["items"] is JsonArray ? itemLines : null));
            _parser.Consume<DocumentEnd>();
        }

        _parser.Consume<StreamEnd>();
    }

    /// <param name="asString">The node is a value of a string map: a scalar stays text.</param>
    /// <param name="stringMap">The node, if a mapping, is a string map (annotations, labels…).</param>
    /// <param name="depth">Nesting depth, bounded.</param>
    /// <param name="itemLines">Filled with the lines of the root's <c>items</c> entries (root level only).</param>
    private JsonNode? ReadNode(bool asString, bool stringMap, int depth, List<int>? itemLines = null)
    {
        var current = Current();
        if (depth > MaxDepth) throw Error(current, $"nested more than {MaxDepth} levels deep");

        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                    throw Error(alias, $"alias *{alias.Value.Value} refers to no anchor defined before it");
                Count(anchored.Size, alias);
                return anchored.Node?.DeepClone();

            case Scalar scalar:
                _parser.MoveNext();
                Count(1, scalar);
                return Remember(scalar, YamlScalars.ToJson(scalar, asString), 1);

            case SequenceStart sequence:
                {
                    _parser.MoveNext();
                    var start = _nodes;
                    var array = new JsonArray();
                    while (Current() is not SequenceEnd)
                    {
                        itemLines?.Add((int)Current().Start.Line);
                        array.Add(ReadNode(false, false, depth + 1));
                    }

                    _parser.MoveNext();

                    Count(1, sequence);
                    return Remember(sequence, array, _nodes - start);
                }

            case MappingStart mapping:
                {
                    _parser.MoveNext();
                    var start = _nodes;
                    var result = ReadMapping(depth);
                    Count(1, mapping);
                    return Remember(mapping, result, _nodes - start);
                }

            default:
                throw Error(current, $"unexpected {current.GetType().Name}");
        }

        JsonObject ReadMapping(int level)
        {
            var result = new JsonObject();
            var merged = new List<KeyValuePair<string, JsonNode?>>();
            while (Current() is not MappingEnd)
            {
                if (Current() is not Scalar keyEvent)
                    throw Error(Current(), "a mapping key must be a plain value (complex keys are not supported)");
                _parser.MoveNext();
                var key = keyEvent.Value;

                if (key == "<<" && keyEvent.Style == ScalarStyle.Plain)
                {
                    merged.AddRange(MergeSources(ReadNode(false, false, level + 1), keyEvent));
                    continue;
                }

                var lines = level == 0 && key == "items" ? itemLines : null;
                // Duplicate keys: the last one wins, as with kubectl's non-strict decoding.
                result[key] = ReadNode(stringMap, StringMaps.Contains(key), level + 1, lines);
            }

            _parser.MoveNext();

            // Keys written in the mapping win over merged ones, whatever their order.
            foreach (var (key, value) in merged)
            {
                if (!result.ContainsKey(key)) result[key] = value?.DeepClone();
            }

            return result;
        }
    }

    /// <summary>The event at hand; the stream ending inside a node (an unclosed bracket) is reported, not crashed on.</summary>
    private ParsingEvent Current()
    {
        if (_parser.Current is { } current)
        {
            _lastLine = (int)current.Start.Line;
            return current;
        }

        throw new ManifestInputException(_file, _lastLine, "not valid YAML: the input ends inside a value (an unclosed bracket or quote?)");
    }

    private IEnumerable<KeyValuePair<string, JsonNode?>> MergeSources(JsonNode? value, ParsingEvent at)
    {
        // "<<: [*a, *b]": earlier sources win over later ones.
        var sources = value is JsonArray array ? array.ToList() : [value];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (source is not JsonObject map) throw Error(at, "a << merge key takes a mapping or a list of mappings");
            foreach (var (key, entry) in map)
            {
                if (seen.Add(key)) yield return new(key, entry);
            }
        }
    }

    private JsonNode? Remember(NodeEvent node, JsonNode? value, int size)
    {
        if (!node.Anchor.IsEmpty) _anchors[node.Anchor.Value] = (value, size);
        return value;
    }

    private void Count(int nodes, ParsingEvent at)
    {
        _nodes += nodes;
        if (_nodes > MaxNodesPerDocument)
            throw Error(at, $"the document expands to more than {MaxNodesPerDocument:N0} values (aliases nested too deeply?)");
    }

    private ManifestInputException Error(ParsingEvent at, string problem) =>
        new(_file, (int)at.Start.Line, problem);

    /// <summary>YamlDotNet prefixes its messages with the position, which the caller already shows.</summary>
    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith("(Line:", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
    }
}
