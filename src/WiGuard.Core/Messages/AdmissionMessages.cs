using System.Text;
using WiGuard.Core.Evaluation;

namespace WiGuard.Core.Messages;

/// <summary>
/// Renders a decision the way kubectl shows it: one warning per finding (the API server
/// truncates a warning past 256 characters and drops all past 4,096 in total), and a denial
/// message that carries the long form with every fix.
/// </summary>
public static class AdmissionMessages
{
    public const int MaxWarningLength = 256;
    public const int MaxWarningsTotal = 4096;

    public static List<string> Warnings(Decision decision)
    {
        var warnings = new List<string>();
        var total = 0;
        var items = decision.Warnings.ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var text = WarningText(items[i]);
            // Leave room for the line that says how many were cut.
            if (total + text.Length > MaxWarningsTotal - 100)
            {
                warnings.Add($"[WiGuard] {items.Count - i} more finding(s) not shown; run `wiguard check` or read the WiGuard logs.");
                break;
            }

            warnings.Add(text);
            total += text.Length;
        }

        return warnings;
    }

    public static string WarningText(JudgedFinding judged)
    {
        var finding = judged.Finding;
        var text = judged.PreExisting ? $"{finding.Message} (already present before this change)" : finding.Message;
        var fix = finding.Fix.Trim();
        if (!fix.Contains('\n', StringComparison.Ordinal) && text.Length + fix.Length + 7 <= MaxWarningLength)
            text = $"{text} Fix: {fix}";
        return Truncate(text, MaxWarningLength);
    }

    /// <summary>The denial message; the API server prefixes it with the webhook's name.</summary>
    public static string Denial(Decision decision, string objectDisplay)
    {
        var denials = decision.Denials.ToList();
        var builder = new StringBuilder();
        builder.Append("WiGuard found ").Append(denials.Count)
            .Append(denials.Count == 1 ? " Workload Identity problem" : " Workload Identity problems")
            .Append(" in ").Append(objectDisplay).Append(':');
        foreach (var judged in denials)
            AppendLong(builder, judged);
        return builder.ToString();
    }

    /// <summary>The long form of one finding: message, why it matters, and the fix, indented.</summary>
    public static void AppendLong(StringBuilder builder, JudgedFinding judged)
    {
        var finding = judged.Finding;
        builder.Append('\n').Append(finding.Message);
        builder.Append("\n  Why: ").Append(finding.Why);
        builder.Append("\n  Fix: ").Append(Indent(finding.Fix.Trim(), "       "));
    }

    private static string Indent(string text, string indent) =>
        text.Replace("\n", "\n" + indent, StringComparison.Ordinal);

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
