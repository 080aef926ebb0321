using WiGuard.Cli;

namespace WiGuard.Check.Report;

/// <summary>Writes a report of <c>check</c> or <c>audit</c> in the chosen format.</summary>
public static class ReportWriter
{
    public static async Task WriteAsync(CheckReport report, OutputFormat format, CliContext context, string verb)
    {
        foreach (var error in report.Errors)
            await context.Error.WriteLineAsync($"wiguard {verb}: {error}");

        switch (format)
        {
            case OutputFormat.Json:
                await WriteNotesAsync(report, context.Error);
                JsonReport.Write(report, context.Out);
                break;
            case OutputFormat.Sarif:
                await WriteNotesAsync(report, context.Error);
                SarifReport.Write(report, context.Evaluator.Rules, context.Out);
                break;
            default:
                TextReport.Write(report, context.Out);
                break;
        }

        await context.Out.FlushAsync();
    }

    /// <summary>Machine output stays parseable on standard output; what a person should still see goes to standard error.</summary>
    private static async Task WriteNotesAsync(CheckReport report, TextWriter error)
    {
        foreach (var note in report.Notes)
            await error.WriteLineAsync(note);
    }
}
