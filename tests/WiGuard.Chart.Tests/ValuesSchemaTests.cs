using System.Text.Json.Nodes;
using WiGuard.Chart.Tests.Support;

namespace WiGuard.Chart.Tests;

public sealed class ValuesSchemaTests
{
    // Kubernetes structures passed through as they are (affinity terms, env sources), and the
    // `global` section Helm hands to subcharts.
    private static readonly HashSet<string> FreeFormObjects =
    [
        "/global",
        "/affinity/nodeAffinity",
        "/affinity/podAffinity",
        "/affinity/podAntiAffinity",
        "/extraEnv/items/valueFrom",
    ];

    [Fact]
    public void Schema_EveryObjectRejectsUnknownKeys()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Chart, "values.schema.json")))!.AsObject();

        var open = ObjectSchemas(schema, "")
            .Where(o => !FreeFormObjects.Contains(o.Path))
            .Where(o => o.Schema["additionalProperties"] is not JsonValue { } v || v.GetValue<bool>())
            .Where(o => o.Schema["additionalProperties"] is not JsonObject)
            .Select(o => o.Path)
            .ToList();

        Assert.True(open.Count == 0, $"These objects accept any key, so a typo there passes silently: {string.Join(", ", open)}");
    }

    private static IEnumerable<(string Path, JsonObject Schema)> ObjectSchemas(JsonObject schema, string path)
    {
        var type = schema["type"];
        var isObject = type is JsonValue t ? (string?)t == "object" : Rendered.Strings(type).Contains("object");
        if (isObject)
            yield return (path.Length == 0 ? "/" : path, schema);

        foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
        {
            foreach (var found in ObjectSchemas(child!.AsObject(), $"{path}/{name}"))
                yield return found;
        }

        if (schema["items"] is JsonObject items)
        {
            foreach (var found in ObjectSchemas(items, $"{path}/items"))
                yield return found;
        }
    }
}
