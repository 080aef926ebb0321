using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;

namespace WiGuard.Core.Tests.Evaluation;

public sealed class DecisionPolicyNetworkConfigTests
{
    private static ReviewedObject ConfigMap(string ns, string name) =>
        new(ResourceKind.ConfigMap, ns, name, new ConfigMap { Metadata = new ObjectMeta { Name = name, Namespace = ns } });

    [Theory]
    [InlineData("cilium-config")]
    [InlineData("ip-masq-agent")]
    public void IsExempt_MasqueradeConfigMapsInKubeSystem_AreEvaluated(string name)
    {
        Assert.False(new DecisionPolicy(new WiGuardOptions()).IsExempt(ConfigMap("kube-system", name)));
    }

    [Fact]
    public void IsExempt_OtherKubeSystemConfigMaps_StayExempt()
    {
        Assert.True(new DecisionPolicy(new WiGuardOptions()).IsExempt(ConfigMap("kube-system", "coredns")));
    }

    [Fact]
    public void IsExempt_NetworkPolicyInAnAppNamespace_IsEvaluated()
    {
        var policy = new ReviewedObject(ResourceKind.NetworkPolicy, "payments", "deny", new NetworkPolicy());

        Assert.False(new DecisionPolicy(new WiGuardOptions()).IsExempt(policy));
    }

    [Theory]
    [InlineData("WI020", RuleAction.Warn)]
    [InlineData("WI021", RuleAction.Warn)]
    public void RuleCatalog_HoldsTheNetworkRulesAtTheirDefaultAction(string id, RuleAction action)
    {
        Assert.Equal(action, RuleCatalog.Find(id)!.DefaultAction);
    }
}
