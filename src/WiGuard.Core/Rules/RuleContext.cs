using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Rules;

/// <summary>What a rule sees: the object under review and the facts gathered for it.</summary>
public sealed record RuleContext(ReviewedObject Subject, EvaluationFacts Facts)
{
    public Finding Finding(IRule rule, string message, string why, string fix, bool advisory = false) =>
        new(rule.Id, Subject.Display, $"[{rule.Id}] {message}", why, fix, advisory);
}
