using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;

namespace WiGuard.Core.Evaluation;

/// <summary>Runs every rule over an object and collects every finding.</summary>
public sealed class Evaluator
{
    private readonly IReadOnlyList<IRule> _rules;

    public Evaluator(IReadOnlyList<IRule>? rules = null) => _rules = rules ?? RuleCatalog.All;

    public IReadOnlyList<IRule> Rules => _rules;

    public IReadOnlyList<Finding> Evaluate(ReviewedObject subject, EvaluationFacts facts)
    {
        var context = new RuleContext(subject, facts);
        var findings = new List<Finding>();
        foreach (var rule in _rules)
            findings.AddRange(rule.Evaluate(context));
        return findings;
    }
}
