using WiGuard.Check.Input;
using WiGuard.Core.Evaluation;

namespace WiGuard.Check.Report;

/// <summary>What <c>wiguard check</c> (or <c>wiguard audit</c>) found, ready for any output format.</summary>
/// <param name="Entries">Every evaluated object, in input order.</param>
/// <param name="Skipped">Documents that are not Kubernetes objects, or sit in exempt namespaces.</param>
/// <param name="Notes">Lines about the run itself, e.g. that IAM rules were not checked.</param>
/// <param name="Errors">Inputs that could not be read; any of them makes the run an input error.</param>
public sealed record CheckReport(
    IReadOnlyList<ReportEntry> Entries,
    IReadOnlyList<SkippedDocument> Skipped,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Errors)
{
    public int DenyCount => Entries.Sum(e => e.Decision.Denials.Count());

    public int WarnCount => Entries.Sum(e => e.Decision.Warnings.Count());

    /// <summary>"3 objects checked, 1 deny, 2 warn".</summary>
    public string Summary => $"{Entries.Count} {(Entries.Count == 1 ? "object" : "objects")} checked, {DenyCount} deny, {WarnCount} warn";

    /// <summary>2 when an input could not be read, 1 for deny-level findings, else 0.</summary>
    public int ExitCode =>
        Errors.Count > 0 ? Cli.ExitCodes.UsageError
        : Entries.Any(e => !e.Decision.Allowed) ? Cli.ExitCodes.Findings
        : Cli.ExitCodes.Ok;

    public static string ActionName(JudgedFinding finding) =>
        finding.Action == Core.Rules.RuleAction.Deny ? "deny" : "warn";
}
