using WiGuard.Core.Evaluation;

namespace WiGuard.Check.Report;

/// <summary>
/// The human report: each object with findings as <c>file:line: Kind ns/name</c>, then each finding with
/// why it matters and the exact fix, then one summary line.
/// </summary>
public static class TextReport
{
    public static void Write(CheckReport report, TextWriter output)
    {
        foreach (var note in report.Notes)
            output.WriteLine(note);
        foreach (var skipped in report.Skipped)
            output.WriteLine($"{skipped.Location}: skipped: {skipped.Reason}");
        if (report.Notes.Count + report.Skipped.Count > 0) output.WriteLine();

        foreach (var entry in report.Entries.Where(e => e.Decision.Findings.Count > 0))
        {
            output.WriteLine(entry.Location is null ? entry.Subject.Display : $"{entry.Location}: {entry.Subject.Display}");
            foreach (var judged in entry.Decision.Findings)
                WriteFinding(output, judged);
            output.WriteLine();
        }

        output.WriteLine(report.Summary);
    }

    private static void WriteFinding(TextWriter output, JudgedFinding judged)
    {
        var finding = judged.Finding;
        output.WriteLine($"  {finding.Message} ({CheckReport.ActionName(judged)})");
        output.WriteLine($"    Why: {finding.Why}");
        output.WriteLine($"    Fix: {finding.Fix.Trim().Replace("\n", "\n         ", StringComparison.Ordinal)}");
    }
}
