using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace WiGuard.Core.Network;

/// <summary>
/// Reads an ip-masq-agent config as the agents do: YAML (1.1, via sigs.k8s.io/yaml) converted to JSON and
/// decoded into typed fields, so keys match case-insensitively, unknown keys are ignored, and a quoted
/// "true" is a string, not a boolean, which makes the whole file unreadable.
/// </summary>
internal static class IpMasqAgentConfigReader
{
    private const int MaxDepth = 16;

    private static readonly string[] YamlTrue = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly string[] YamlFalse = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];

    public static bool TryRead(string? text, out IpMasqAgentConfig config, out string error)
    {
        config = IpMasqAgentConfig.Default;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) return true;
        try
        {
            if (TooDeep(text)) return Fail($"it nests deeper than {MaxDepth} levels", out error);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode)) return true;
            if (stream.Documents[0].RootNode is not YamlMappingNode root)
                return Fail("it is not a mapping of keys to values", out error);

            var cidrs = new List<string>();
            bool linkLocal = false, linkLocalIpv6 = false;
            string? resync = null;
            foreach (var (keyNode, value) in root.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                if (Is(key, "nonMasqueradeCIDRs") && !TryCidrs(value, cidrs, out error)) return false;
                if (Is(key, "masqLinkLocal") && !TryBool(value, key, out linkLocal, out error)) return false;
                if (Is(key, "masqLinkLocalIPv6") && !TryBool(value, key, out linkLocalIpv6, out error)) return false;
                if (Is(key, "resyncInterval")) resync = (value as YamlScalarNode)?.Value;
            }

            config = new IpMasqAgentConfig(cidrs, linkLocal, linkLocalIpv6, resync);
            return true;
        }
        catch (YamlException ex)
        {
            return Fail($"line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", out error);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some broken flow collections instead of a YamlException.
            return Fail("it is neither valid YAML nor JSON", out error);
        }
    }

    // The representation model recurses once per level; walking the event stream first, which does
    // not, keeps a hostile config from overflowing the stack.
    private static bool TooDeep(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is MappingStart or SequenceStart && ++depth > MaxDepth) return true;
            if (parser.Current is MappingEnd or SequenceEnd) depth--;
        }

        return false;
    }

    private static bool TryCidrs(YamlNode node, List<string> cidrs, out string error)
    {
        error = "";
        if (IsNull(node)) return true;
        if (node is not YamlSequenceNode list) return Fail("nonMasqueradeCIDRs must be a list of CIDRs", out error);
        foreach (var item in list.Children)
        {
            var cidr = (item as YamlScalarNode)?.Value;
            if (!IsCidr(cidr)) return Fail($"nonMasqueradeCIDRs holds \"{cidr}\", which is not a CIDR", out error);
            cidrs.Add(cidr!);
        }

        return true;
    }

    private static bool TryBool(YamlNode node, string key, out bool value, out string error)
    {
        value = false;
        error = "";
        if (IsNull(node)) return true;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text })
        {
            if (YamlTrue.Contains(text, StringComparer.Ordinal)) return value = true;
            if (YamlFalse.Contains(text, StringComparer.Ordinal)) return true;
        }

        return Fail($"{key} must be true or false (unquoted), not {Describe(node)}", out error);
    }

    private static bool IsCidr(string? text) =>
        text is not null && (text.Contains(':', StringComparison.Ordinal)
            ? System.Net.IPNetwork.TryParse(text, out _)
            : Ipv4.TryParseCidr(text, out _, out _));

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) =>
        node is YamlScalarNode scalar ? JsonSerializer.Serialize(scalar.Value ?? "", Kubernetes.KubeJsonContext.Default.String) : "a list or mapping";

    private static bool Is(string key, string field) => string.Equals(key, field, StringComparison.OrdinalIgnoreCase);

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
