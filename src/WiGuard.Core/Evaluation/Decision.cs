using WiGuard.Core.Rules;

namespace WiGuard.Core.Evaluation;

/// <summary>A finding with the action it ended up with.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Action">Deny or Warn after mode, rule overrides and the UPDATE downgrade.</param>
/// <param name="PreExisting">On UPDATE: the old object had the same problem, so it was downgraded to a warning.</param>
public sealed record JudgedFinding(Finding Finding, RuleAction Action, bool PreExisting = false);

/// <summary>An exemption that silenced a finding; every use is logged.</summary>
public sealed record ExemptionUse(string RuleId, string Object, string Source);

/// <summary>The verdict on one object: allowed or denied, with what to tell the user.</summary>
public sealed record Decision(
    bool Allowed,
    IReadOnlyList<JudgedFinding> Findings,
    IReadOnlyList<ExemptionUse> ExemptionsUsed,
    string? SkipReason = null)
{
    public static Decision Skip(string reason) => new(true, [], [], reason);

    public static Decision From(IReadOnlyList<JudgedFinding> findings, IReadOnlyList<ExemptionUse> exemptions) =>
        new(!findings.Any(f => f.Action == RuleAction.Deny), findings, exemptions);

    public IEnumerable<JudgedFinding> Denials => Findings.Where(f => f.Action == RuleAction.Deny);

    public IEnumerable<JudgedFinding> Warnings => Findings.Where(f => f.Action == RuleAction.Warn);

    /// <summary>"allow", "warn" or "deny", for logs and metrics.</summary>
    public string Outcome => !Allowed ? "deny" : Findings.Count > 0 ? "warn" : "allow";
}
