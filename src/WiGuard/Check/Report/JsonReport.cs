using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WiGuard.Check.Report;

/// <summary>The stable machine-readable report documented in docs/check-json.md.</summary>
public static class JsonReport
{
    /// <summary>Raised only when a field changes meaning or disappears; new fields may appear in the same version.</summary>
    public const int Version = 1;

    public static void Write(CheckReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);

            json.WriteStartArray("objects");
            foreach (var entry in report.Entries)
                WriteEntry(json, entry);
            json.WriteEndArray();

            json.WriteStartArray("skipped");
            foreach (var skipped in report.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("file", skipped.Location.File);
                json.WriteNumber("line", skipped.Location.Line);
                json.WriteString("reason", skipped.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "notes", report.Notes);
            WriteStrings(json, "errors", report.Errors);

            json.WriteStartObject("summary");
            json.WriteNumber("objects", report.Entries.Count);
            json.WriteNumber("deny", report.DenyCount);
            json.WriteNumber("warn", report.WarnCount);
            json.WriteNumber("exitCode", report.ExitCode);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    private static void WriteEntry(Utf8JsonWriter json, ReportEntry entry)
    {
        json.WriteStartObject();
        if (entry.Location is { } location)
        {
            json.WriteString("file", location.File);
            json.WriteNumber("line", location.Line);
        }
        else
        {
            json.WriteNull("file");
            json.WriteNull("line");
        }

        json.WriteString("kind", entry.Subject.Kind.ToString());
        json.WriteString("namespace", entry.Subject.Namespace);
        json.WriteString("name", entry.Subject.Name);
        json.WriteBoolean("allowed", entry.Decision.Allowed);
        json.WriteStartArray("findings");
        foreach (var judged in entry.Decision.Findings)
        {
            json.WriteStartObject();
            json.WriteString("rule", judged.Finding.RuleId);
            json.WriteString("action", CheckReport.ActionName(judged));
            json.WriteString("message", judged.Finding.Message);
            json.WriteString("why", judged.Finding.Why);
            json.WriteString("fix", judged.Finding.Fix);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
