using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;
using static WiGuard.Core.Tests.Rules.Network.NetworkTestData;

namespace WiGuard.Core.Tests.Rules.Network;

/// <summary>The network rules as the webhook, check and audit run them: every catalogue rule, then the decision.</summary>
public sealed class NetworkRulesDecisionTests
{
    private static Decision Decide(ReviewedObject subject, WiGuardOptions options)
    {
        var findings = new Evaluator().Evaluate(subject, EvaluationFacts.None);
        return new DecisionPolicy(options).Decide(subject, findings, previous: null, options.Mode);
    }

    [Fact]
    public void Decide_DefaultDenyEgressInEnforceMode_AllowsWithAWarning()
    {
        var decision = Decide(Subject(ResourceKind.NetworkPolicy, "default-deny-all-egress.json"), new WiGuardOptions { Mode = Mode.Enforce });

        Assert.True(decision.Allowed);
        Assert.Equal("WI020", Assert.Single(decision.Warnings, w => w.Finding.RuleId.StartsWith("WI02", StringComparison.Ordinal)).Finding.RuleId);
    }

    [Fact]
    public void Decide_Wi020ConfiguredToDeny_DeniesTheDefaultDenyPolicy()
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, Rules = new(StringComparer.OrdinalIgnoreCase) { ["WI020"] = RuleAction.Deny } };

        var decision = Decide(Subject(ResourceKind.NetworkPolicy, "default-deny-all-egress.json"), options);

        Assert.False(decision.Allowed);
        Assert.Equal("WI020", Assert.Single(decision.Denials).Finding.RuleId);
    }

    [Fact]
    public void Decide_CiliumConfigInKubeSystem_IsNotExemptAndWarns()
    {
        var subject = Subject(ResourceKind.ConfigMap, "cilium-config-bpf-masquerade.json");
        var policy = new DecisionPolicy(new WiGuardOptions());

        var decision = Decide(subject, new WiGuardOptions { Mode = Mode.Enforce });

        Assert.False(policy.IsExempt(subject));
        Assert.True(decision.Allowed);
        Assert.Equal("WI021", Assert.Single(decision.Warnings, w => w.Finding.RuleId.StartsWith("WI02", StringComparison.Ordinal)).Finding.RuleId);
    }

    [Fact]
    public void Decide_Wi021Off_ReportsNothingForCiliumConfig()
    {
        var options = new WiGuardOptions { Mode = Mode.Enforce, Rules = new(StringComparer.OrdinalIgnoreCase) { ["WI021"] = RuleAction.Off } };

        var decision = Decide(Subject(ResourceKind.ConfigMap, "cilium-config-bpf-masquerade.json"), options);

        Assert.DoesNotContain(decision.Findings, f => f.Finding.RuleId == "WI021");
    }
}
