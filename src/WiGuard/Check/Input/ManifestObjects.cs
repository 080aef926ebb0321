using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Check.Input;

/// <summary>
/// Turns documents into the objects WiGuard evaluates: unwraps <c>List</c> kinds, skips kinds no rule
/// reads, reports documents that are not Kubernetes objects, and resolves namespace and name.
/// </summary>
public sealed class ManifestObjects
{
    private readonly string _defaultNamespace;

    /// <param name="defaultNamespace">For objects without metadata.namespace (<c>--namespace</c>, else <c>default</c>).</param>
    public ManifestObjects(string defaultNamespace) => _defaultNamespace = defaultNamespace;

    public List<LoadedObject> Objects { get; } = [];

    public List<SkippedDocument> Skipped { get; } = [];

    /// <summary>Reads one input and adds what it holds.</summary>
    /// <exception cref="ManifestInputException">The input is broken; nothing of it is added.</exception>
    public void Add(ManifestFile file, TextReader reader)
    {
        var text = reader.ReadToEnd();
        var documents = Parse(file, text);

        var objects = new List<LoadedObject>();
        var skipped = new List<SkippedDocument>();
        foreach (var document in documents)
            AddNode(file.Name, document.Root, document.Line, document.ItemLines, objects, skipped);
        Objects.AddRange(objects);
        Skipped.AddRange(skipped);
    }

    private static List<ManifestDocument> Parse(ManifestFile file, string text)
    {
        if (file.IsJsonByName) return JsonManifest.Read(file.Name, text);
        if (LooksLikeJson(text))
        {
            try
            {
                return JsonManifest.Read(file.Name, text);
            }
            catch (ManifestInputException)
            {
                // "{apiVersion: v1, …}" is a YAML flow mapping, not JSON: let the YAML reader judge it.
            }
        }

        return YamlManifest.Read(file.Name, new StringReader(text));
    }

    private void AddNode(string file, JsonNode? node, int line, IReadOnlyList<int>? itemLines, List<LoadedObject> objects, List<SkippedDocument> skipped)
    {
        var location = new SourceLocation(file, line);
        if (node is null) return; // an empty document, as "---" separators and Helm's empty templates leave

        if (node is not JsonObject map)
        {
            skipped.Add(new SkippedDocument(location, "not a Kubernetes object (the document is not a mapping)"));
            return;
        }

        var apiVersion = Text(map["apiVersion"]);
        var kind = Text(map["kind"]);
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            skipped.Add(new SkippedDocument(location, "not a Kubernetes object (no apiVersion and kind)"));
            return;
        }

        if (kind.EndsWith("List", StringComparison.Ordinal) && map["items"] is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
                AddNode(file, items[i], itemLines is not null && i < itemLines.Count ? itemLines[i] : line, null, objects, skipped);
            return;
        }

        // Services, Secrets, CRDs…: no rule reads them.
        if (!ResourceKinds.TryResolveApiVersion(apiVersion, kind, out var resolved)) return;

        KubeObject value;
        try
        {
            value = KubeObjectReader.Read(resolved, ToElement(map));
        }
        catch (InvalidObjectException ex)
        {
            throw new ManifestInputException(file, line, $"{kind} {Text(map["metadata"]?["name"]) ?? "(unnamed)"}: {ex.Message}");
        }

        var meta = value.Metadata;
        var ns = meta?.Namespace is { Length: > 0 } declared ? declared : _defaultNamespace;
        var name = meta?.Name is { Length: > 0 } n ? n
            : meta?.GenerateName is { Length: > 0 } g ? g + "*"
            : "(unnamed)";
        objects.Add(new LoadedObject(location, new ReviewedObject(resolved, ns, name, value)));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonElement ToElement(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
            node.WriteTo(writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static bool LooksLikeJson(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c)) return c is '{' or '[';
        }

        return false;
    }
}
