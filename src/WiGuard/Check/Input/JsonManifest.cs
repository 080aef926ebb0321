using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WiGuard.Check.Input;

/// <summary>Reads a JSON manifest (one object, possibly a <c>List</c>) keeping the lines objects start on.</summary>
internal static class JsonManifest
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    /// <exception cref="ManifestInputException">The JSON is broken; the message names file and line.</exception>
    public static List<ManifestDocument> Read(string file, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes, documentOptions: Options);
        }
        catch (JsonException ex)
        {
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new ManifestInputException(file, (int)(ex.LineNumber ?? 0) + 1, $"not valid JSON: {(cut > 0 ? message[..cut] : message)}");
        }

        var lines = new LineIndex(bytes);
        var (rootStart, itemStarts) = Positions(bytes);
        return [new ManifestDocument(root, lines.LineOf(rootStart), itemStarts.Count > 0 ? [.. itemStarts.Select(lines.LineOf)] : null)];
    }

    /// <summary>Byte offsets of the root value and of each entry of the root's <c>items</c> array.</summary>
    private static (long Root, List<long> Items) Positions(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        long root = 0;
        var items = new List<long>();
        var inItems = false;
        var first = true;
        while (reader.Read())
        {
            if (first)
            {
                root = reader.TokenStartIndex;
                first = false;
            }

            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                inItems = reader.ValueTextEquals("items"u8);
            else if (inItems && reader.CurrentDepth == 2 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                items.Add(reader.TokenStartIndex);

            if (inItems && reader.CurrentDepth == 2 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                reader.Skip();
        }

        return (root, items);
    }

    private sealed class LineIndex
    {
        private readonly List<long> _breaks = [];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n') _breaks.Add(i);
            }
        }

        public int LineOf(long offset)
        {
            var index = _breaks.BinarySearch(offset);
            return (index < 0 ? ~index : index) + 1;
        }
    }
}
