using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WiGuard.Core.Rules;

namespace WiGuard.Check.Report;

/// <summary>
/// SARIF 2.1.0 for code-scanning dashboards: the rule table in <c>tool.driver.rules</c>, one result per
/// finding, located at the object's file and line (or, for cluster objects, by its name alone).
/// </summary>
public static class SarifReport
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(CheckReport report, IReadOnlyList<IRule> rules, TextWriter output)
    {
        var index = rules.Select((rule, i) => (rule.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteStartArray("results");
            foreach (var entry in report.Entries)
            {
                foreach (var judged in entry.Decision.Findings)
                    WriteResult(json, entry, judged, index);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<IRule> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "WiGuard");
        json.WriteString("semanticVersion", ToolVersion());
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Summary);
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultAction));
            json.WriteBoolean("enabled", rule.DefaultAction != RuleAction.Off);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, ReportEntry entry, Core.Evaluation.JudgedFinding judged, Dictionary<string, int> index)
    {
        var finding = judged.Finding;
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (index.TryGetValue(finding.RuleId, out var ruleIndex)) json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(judged.Action));
        json.WriteStartObject("message");
        json.WriteString("text", $"{finding.Message}\nWhy: {finding.Why}\nFix: {finding.Fix.Trim()}");
        json.WriteEndObject();

        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (entry.Location is { } location)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", ArtifactUri(location.File));
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", location.Line);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteStartArray("logicalLocations");
        json.WriteStartObject();
        json.WriteString("fullyQualifiedName", entry.Subject.Display);
        json.WriteString("kind", "object");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartObject("properties");
        json.WriteString("object", entry.Subject.Display);
        json.WriteString("why", finding.Why);
        json.WriteString("fix", finding.Fix);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>error for deny-level findings, warning for the rest (SARIF has no "deny").</summary>
    private static string Level(RuleAction action) => action switch
    {
        RuleAction.Deny => "error",
        RuleAction.Warn => "warning",
        _ => "none",
    };

    /// <summary>A relative path stays a relative URI reference (what code scanning expects); an absolute one becomes file://.</summary>
    private static string ArtifactUri(string file)
    {
        if (file == Input.SourceLocation.StdinName) return "stdin";
        if (Path.IsPathRooted(file)) return new Uri(file).AbsoluteUri;
        return string.Join('/', file.Split('/').Select(Uri.EscapeDataString));
    }

    private static string ToolVersion()
    {
        var version = typeof(SarifReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
