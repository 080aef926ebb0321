using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WiGuard.Core.Kubernetes;

/// <summary>Kubernetes' IntOrString: a JSON number or a JSON string (e.g. a port number or a port name).</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public sealed record IntOrString
{
    private IntOrString(int? number, string? text)
    {
        Number = number;
        Text = text;
    }

    /// <summary>Set when the JSON held a number.</summary>
    public int? Number { get; }

    /// <summary>Set when the JSON held a string.</summary>
    public string? Text { get; }

    public static IntOrString FromNumber(int value) => new(value, null);

    public static IntOrString FromText(string value) => new(null, value);

    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Text ?? "";
}

public sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var number) => IntOrString.FromNumber(number),
            JsonTokenType.Number => throw new JsonException("the value must be a whole number that fits in 32 bits"),
            JsonTokenType.String => IntOrString.FromText(reader.GetString()!),
            _ => throw new JsonException($"the value must be a number or a string, not {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Number is { } number) writer.WriteNumberValue(number);
        else writer.WriteStringValue(value.Text);
    }
}
