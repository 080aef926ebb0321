using System.Text.Json;

namespace WiGuard.Core.Kubernetes;

/// <summary>Turns raw JSON into the typed object for a kind, or says precisely why it cannot.</summary>
public static class KubeObjectReader
{
    /// <exception cref="InvalidObjectException">The JSON does not have the shape of <paramref name="kind"/>.</exception>
    public static KubeObject Read(ResourceKind kind, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw new InvalidObjectException($"the {kind} object is {Describe(json.ValueKind)}, not a JSON object");

        try
        {
            KubeObject? value = kind switch
            {
                ResourceKind.ServiceAccount => json.Deserialize(KubeJsonContext.Default.ServiceAccount),
                ResourceKind.Pod => json.Deserialize(KubeJsonContext.Default.Pod),
                ResourceKind.ConfigMap => json.Deserialize(KubeJsonContext.Default.ConfigMap),
                ResourceKind.NetworkPolicy => json.Deserialize(KubeJsonContext.Default.NetworkPolicy),
                _ => json.Deserialize(KubeJsonContext.Default.Workload),
            };
            return value ?? throw new InvalidObjectException($"the {kind} object is null");
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) ? "" : $" at {ex.Path.TrimStart('$', '.')}";
            throw new InvalidObjectException($"the object does not match kind {kind}{where}: {FirstSentence(ex.Message)}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}

public sealed class InvalidObjectException : Exception
{
    public InvalidObjectException(string message) : base(message) { }
    public InvalidObjectException() { }
    public InvalidObjectException(string message, Exception innerException) : base(message, innerException) { }
}
