using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace WiGuard.Check.Input;

/// <summary>
/// Types YAML scalars the way kubectl does (YAML 1.1, as sigs.k8s.io/yaml reads it): an unquoted
/// <c>yes</c> is a boolean and <c>0755</c> an octal number, while any quoted value stays a string.
/// </summary>
internal static partial class YamlScalars
{
    private static readonly HashSet<string> Nulls = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    private static readonly HashSet<string> Trues = new(StringComparer.Ordinal)
        { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" };

    private static readonly HashSet<string> Falses = new(StringComparer.Ordinal)
        { "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" };

    /// <param name="scalar">The parsed scalar.</param>
    /// <param name="asString">Values of string maps (annotations, labels, data…): always the text, as Kubernetes keeps them.</param>
    public static JsonNode? ToJson(Scalar scalar, bool asString)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
        if (tag == "tag:yaml.org,2002:str" || scalar.Style != ScalarStyle.Plain || asString)
            return JsonValue.Create(text);
        if (tag == "tag:yaml.org,2002:null" || Nulls.Contains(text)) return null;
        if (Trues.Contains(text)) return JsonValue.Create(true);
        if (Falses.Contains(text)) return JsonValue.Create(false);
        return Number(text) ?? JsonValue.Create(text);
    }

    private static JsonValue? Number(string text)
    {
        if (text.Length == 0 || text.Length > 64) return null;
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        var negative = plain.StartsWith('-');
        var digits = plain.TrimStart('+', '-');

        if (DecimalPattern().IsMatch(plain) && !(digits.Length > 1 && digits[0] == '0'))
        {
            return long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? JsonValue.Create(whole)
                : JsonValue.Create(double.Parse(plain, CultureInfo.InvariantCulture));
        }

        if (digits.StartsWith("0x", StringComparison.Ordinal) && HexPattern().IsMatch(digits))
            return Signed(Convert.ToInt64(digits[2..], 16), negative);
        if (OctalPattern().IsMatch(digits))
            return Signed(Convert.ToInt64(digits.StartsWith("0o", StringComparison.Ordinal) ? digits[2..] : digits[1..], 8), negative);
        if (FloatPattern().IsMatch(plain))
            return JsonValue.Create(double.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture));

        // .inf and .nan have no JSON form; they stay text.
        return null;
    }

    private static JsonValue Signed(long value, bool negative) => JsonValue.Create(negative ? -value : value);

    [GeneratedRegex(@"^[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^0x[0-9a-fA-F]{1,15}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^0o?[0-7]{1,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
