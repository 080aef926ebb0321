using System.Text.Json;

namespace WiGuard.Kubernetes.Api;

internal static class KubeJsonItems
{
    /// <summary>
    /// List items come without apiVersion and kind; rules and reports expect every object to
    /// say what it is, so both are written in front (existing values are kept).
    /// </summary>
    public static JsonElement WithTypeMeta(JsonElement item, KubeResource resource)
    {
        if (item.ValueKind != JsonValueKind.Object) return item.Clone();
        if (item.TryGetProperty("kind", out _) && item.TryGetProperty("apiVersion", out _)) return item.Clone();

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", item.TryGetProperty("apiVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : resource.ApiVersion);
            writer.WriteString("kind", item.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : resource.Kind);
            foreach (var property in item.EnumerateObject())
            {
                if (property.NameEquals("apiVersion") || property.NameEquals("kind")) continue;
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
