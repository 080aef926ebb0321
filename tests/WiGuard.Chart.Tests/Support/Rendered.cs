using System.Text.Json.Nodes;

namespace WiGuard.Chart.Tests.Support;

/// <summary>The objects one `helm template` produced, with lookups the tests share.</summary>
internal sealed class Rendered(IReadOnlyList<JsonObject> objects)
{
    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    public IEnumerable<JsonObject> OfKind(string kind) =>
        Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind)
    {
        var matches = OfKind(kind).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one {kind}, found {matches.Count}.");
        return matches[0];
    }

    public JsonObject Single(string kind, string name)
    {
        var matches = OfKind(kind).Where(o => Name(o) == name).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one {kind} named {name}, found {matches.Count}.");
        return matches[0];
    }

    public JsonObject Deployment => Single("Deployment");

    public JsonObject PodSpec => Deployment["spec"]!["template"]!["spec"]!.AsObject();

    public JsonObject Container => PodSpec["containers"]!.AsArray().Single()!.AsObject();

    public JsonObject WebhookConfiguration => Single("ValidatingWebhookConfiguration");

    public IReadOnlyList<JsonObject> Webhooks =>
        WebhookConfiguration["webhooks"]!.AsArray().Select(w => w!.AsObject()).ToList();

    public JsonObject Webhook(string name) => Webhooks.Single(w => (string?)w["name"] == name);

    /// <summary>The container's environment as name → literal value (valueFrom entries map to null).</summary>
    public IReadOnlyDictionary<string, string?> Env =>
        Container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => (string?)e!["value"]);

    public static string? Name(JsonObject o) => (string?)o["metadata"]?["name"];

    public static string? NamespaceOf(JsonObject o) => (string?)o["metadata"]?["namespace"];

    public static IEnumerable<string> Strings(JsonNode? array) =>
        array?.AsArray().Select(s => (string)s!) ?? [];
}
