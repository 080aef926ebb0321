using System.Text.Json;

namespace WiGuard.Tests.Check;

public static class JsonAssert
{
    /// <summary>Parses output that must be one JSON document, failing with the text when it is not.</summary>
    public static JsonElement Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"not JSON ({ex.Message}):\n{text}");
        }
    }
}
