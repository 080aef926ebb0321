using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;

namespace WiGuard.Core.Tests.Evaluation;

/// <summary>A policy judging the findings of an evaluator that runs rules other than the catalogue's.</summary>
public sealed class DecisionPolicyRuleSetTests
{
    private sealed class StrictRule : IRule
    {
        public string Id => "WX900";
        public RuleAction DefaultAction => RuleAction.Deny;
        public string Summary => "a rule outside the catalogue";
        public IEnumerable<Finding> Evaluate(RuleContext context) => [];
    }

    private static readonly ReviewedObject Subject =
        new(ResourceKind.ServiceAccount, "apps", "app-ksa", new ServiceAccount { Metadata = new ObjectMeta { Name = "app-ksa", Namespace = "apps" } });

    private static readonly Finding StrictFinding = new("WX900", Subject.Display, "[WX900] problem", "why", "fix");

    [Fact]
    public void Decide_FindingOfAGivenRule_GetsThatRulesDefaultAction()
    {
        var policy = new DecisionPolicy(new WiGuardOptions(), rules: [new StrictRule()]);

        var decision = policy.Decide(Subject, [StrictFinding], previous: null, Mode.Enforce);

        Assert.False(decision.Allowed);
        Assert.Equal(RuleAction.Deny, Assert.Single(decision.Findings).Action);
    }

    [Fact]
    public void Decide_FindingOfAGivenRule_HonoursItsConfiguredAction()
    {
        var options = new WiGuardOptions { Rules = new(StringComparer.OrdinalIgnoreCase) { ["WX900"] = RuleAction.Off } };
        var policy = new DecisionPolicy(options, rules: [new StrictRule()]);

        var decision = policy.Decide(Subject, [StrictFinding], previous: null, Mode.Enforce);

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Findings);
    }

    [Fact]
    public void Decide_WithoutGivenRules_TreatsAnUnknownRuleAsAWarning()
    {
        var decision = new DecisionPolicy(new WiGuardOptions()).Decide(Subject, [StrictFinding], previous: null, Mode.Enforce);

        Assert.True(decision.Allowed);
        Assert.Equal(RuleAction.Warn, Assert.Single(decision.Findings).Action);
    }
}
