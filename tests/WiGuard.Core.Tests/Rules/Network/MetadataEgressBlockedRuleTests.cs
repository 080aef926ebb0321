using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules.Network;
using static WiGuard.Core.Tests.Rules.Network.NetworkTestData;

namespace WiGuard.Core.Tests.Rules.Network;

public sealed class MetadataEgressBlockedRuleTests
{
    private const string BothBlocked = "[WI020] egress blocks the GKE metadata server (169.254.169.254:80 and 169.254.169.252:988): pods get no Google token";

    private static List<WiGuard.Core.Rules.Finding> Run(string fileOrJson, EvaluationFacts? facts = null) =>
        Evaluate(new MetadataEgressBlockedRule(), Subject(ResourceKind.NetworkPolicy, fileOrJson), facts);

    [Theory]
    [InlineData("default-deny-all-egress.json")]
    [InlineData("allow-dns-only.json")]
    [InlineData("allow-internet-except-link-local.json")]
    [InlineData("https-only.json")]
    [InlineData("ipv6-any.json")]
    public void Evaluate_PolicyWithoutRouteToMetadata_WarnsForBothAddresses(string file)
    {
        var finding = Assert.Single(Run(file));

        Assert.Equal("WI020", finding.RuleId);
        Assert.Equal(BothBlocked, finding.Message);
        Assert.False(finding.Advisory);
    }

    [Theory]
    [InlineData("allow-all-ipv4.json")]
    [InlineData("allow-metadata-server.json")]
    [InlineData("port-range.json")]
    [InlineData("ingress-only.json")]
    public void Evaluate_PolicyThatAllowsMetadataOrIsNotEgress_ReportsNothing(string file)
    {
        Assert.Empty(Run(file));
    }

    [Fact]
    public void Evaluate_DefaultDeny_FixIsTheEgressRuleYamlForThisPolicy()
    {
        var finding = Assert.Single(Run("default-deny-all-egress.json"));

        Assert.Equal(
            """
            # add to spec.egress of NetworkPolicy payments/default-deny-egress:
            - to:
              - ipBlock:
                  cidr: 169.254.169.254/32
              ports:
              - protocol: TCP
                port: 80
            - to:
              - ipBlock:
                  cidr: 169.254.169.252/32
              ports:
              - protocol: TCP
                port: 988
            """,
            finding.Fix);
        Assert.Equal("NetworkPolicy payments/default-deny-egress", finding.Object);
    }

    [Fact]
    public void Evaluate_AnyFinding_MessageFitsAKubectlWarningLine()
    {
        Assert.True(Assert.Single(Run("default-deny-all-egress.json")).Message.Length <= 120);
    }

    [Fact]
    public void Evaluate_OnlyPort80Allowed_NamesTheDataplaneV2AddressAlone()
    {
        var json = PolicyJson("metadata-80", """
            { "podSelector": {}, "policyTypes": ["Egress"],
              "egress": [ { "to": [ { "ipBlock": { "cidr": "169.254.169.254/32" } } ], "ports": [ { "port": 80 } ] } ] }
            """);

        var finding = Assert.Single(Run(json));

        Assert.Equal("[WI020] egress blocks the GKE metadata server (169.254.169.252:988): pods get no Google token", finding.Message);
    }

    [Theory]
    [InlineData("""[ { "protocol": "UDP", "port": 80 }, { "protocol": "SCTP", "port": 988 } ]""")]
    [InlineData("""[ { "protocol": "TCP", "port": "http" }, { "protocol": "TCP", "port": "metadata" } ]""")]
    [InlineData("""[ { "protocol": "TCP", "port": 1024, "endPort": 65535 } ]""")]
    [InlineData("""[ { "protocol": "TCP", "port": 81, "endPort": 987 } ]""")]
    [InlineData("""[ { "protocol": "tcp", "port": 80 } ]""")]
    public void Evaluate_PortsThatDoNotCoverTcp80And988_Warn(string ports)
    {
        var json = PolicyJson("ports", $$"""
            { "podSelector": {}, "policyTypes": ["Egress"],
              "egress": [ { "to": [ { "ipBlock": { "cidr": "169.254.0.0/16" } } ], "ports": {{ports}} } ] }
            """);

        Assert.Single(Run(json));
    }

    [Theory]
    [InlineData("""[ { "protocol": "TCP", "port": 80, "endPort": 988 } ]""")]
    [InlineData("""[ { "port": 80 }, { "port": 988 } ]""")]
    [InlineData("""[ { "protocol": "TCP" } ]""")]
    [InlineData("""[]""")]
    public void Evaluate_PortsThatCoverTcp80And988_ReportNothing(string ports)
    {
        var json = PolicyJson("ports", $$"""
            { "podSelector": {}, "policyTypes": ["Egress"],
              "egress": [ { "to": [ { "ipBlock": { "cidr": "169.254.169.0/24" } } ], "ports": {{ports}} } ] }
            """);

        Assert.Empty(Run(json));
    }

    [Theory]
    [InlineData("""{ "ipBlock": { "cidr": "169.254.0.0/16", "except": ["169.254.169.254/32"] } }""")]
    [InlineData("""{ "ipBlock": { "cidr": "0.0.0.0/0", "except": ["169.254.169.0/24"] } }""")]
    [InlineData("""{ "ipBlock": { "cidr": "169.254.169.0/30" } }""")]
    [InlineData("""{ "ipBlock": { "cidr": "::/0" } }""")]
    [InlineData("""{ "podSelector": {} }""")]
    [InlineData("""{ "namespaceSelector": {} }""")]
    [InlineData("""{ "namespaceSelector": { "matchLabels": { "kubernetes.io/metadata.name": "kube-system" } }, "podSelector": { "matchLabels": { "k8s-app": "gke-metadata-server" } } }""")]
    public void Evaluate_DestinationsThatMissTheMetadataAddresses_Warn(string peer)
    {
        var json = PolicyJson("peers", $$"""
            { "podSelector": {}, "policyTypes": ["Egress"], "egress": [ { "to": [ {{peer}} ] } ] }
            """);

        Assert.Single(Run(json));
    }

    [Theory]
    [InlineData("""{ "to": [] }""")]
    [InlineData("""{ }""")]
    [InlineData("""{ "to": [ { "ipBlock": { "cidr": "169.254.169.248/29", "except": ["169.254.169.248/31"] } } ] }""")]
    [InlineData("""{ "to": [ { "ipBlock": { "cidr": "169.254.169.254/16" } } ] }""")]
    public void Evaluate_DestinationsThatIncludeTheMetadataAddresses_ReportNothing(string rule)
    {
        var json = PolicyJson("rules", $$"""
            { "podSelector": {}, "policyTypes": ["Egress"], "egress": [ {{rule}} ] }
            """);

        Assert.Empty(Run(json));
    }

    [Fact]
    public void Evaluate_PolicyTypesAbsentWithEgressRules_IsAnEgressPolicy()
    {
        var json = PolicyJson("implicit-egress", """
            { "podSelector": {}, "egress": [ { "ports": [ { "port": 443 } ] } ] }
            """);

        Assert.Single(Run(json));
    }

    [Theory]
    [InlineData("""{ "podSelector": {} }""")]
    [InlineData("""{ "podSelector": {}, "egress": [] }""")]
    [InlineData("""{ "podSelector": {}, "policyTypes": ["Ingress"], "egress": [ { "ports": [ { "port": 443 } ] } ] }""")]
    public void Evaluate_PolicyThatDoesNotRestrictEgress_ReportsNothing(string spec)
    {
        Assert.Empty(Run(PolicyJson("ingress", spec)));
    }

    [Fact]
    public void Evaluate_NamespaceWithoutWorkloadIdentity_ReportsNothing()
    {
        var facts = new EvaluationFacts { NamespaceUsesWorkloadIdentity = false };

        Assert.Empty(Run("default-deny-all-egress.json", facts));
    }

    [Fact]
    public void Evaluate_NamespaceUsingWorkloadIdentity_Warns()
    {
        var facts = new EvaluationFacts { NamespaceUsesWorkloadIdentity = true, NamespaceNetworkPolicies = [] };

        var finding = Assert.Single(Run("default-deny-all-egress.json", facts));

        Assert.Contains("other Egress policies that select the same pods were taken into account", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OtherPoliciesUnknown_SaysSoInWhy()
    {
        var finding = Assert.Single(Run("default-deny-all-egress.json"));

        Assert.Contains("other NetworkPolicies were not known", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AnotherPolicyAllowsMetadataForTheSamePods_ReportsNothing()
    {
        var facts = new EvaluationFacts { NamespaceNetworkPolicies = [Policy("allow-dns-only.json"), Policy("allow-metadata-server.json")] };

        Assert.Empty(Run("default-deny-all-egress.json", facts));
    }

    [Fact]
    public void Evaluate_PoliciesEachAllowingOneAddress_TogetherReportNothing()
    {
        var only80 = Policy(PolicyJson("metadata-80", """
            { "podSelector": {}, "policyTypes": ["Egress"],
              "egress": [ { "to": [ { "ipBlock": { "cidr": "169.254.169.254/32" } } ], "ports": [ { "port": 80 } ] } ] }
            """));
        var only988 = Policy(PolicyJson("metadata-988", """
            { "podSelector": { "matchExpressions": [ { "key": "app", "operator": "Exists" } ] }, "policyTypes": ["Egress"],
              "egress": [ { "to": [ { "ipBlock": { "cidr": "169.254.169.252/32" } } ], "ports": [ { "port": 988 } ] } ] }
            """));

        Assert.Empty(Run("allow-dns-only.json", new EvaluationFacts { NamespaceNetworkPolicies = [only80, only988] }));
    }

    [Fact]
    public void Evaluate_AllowingPolicySelectsOnlySomeOfThePods_StillWarns()
    {
        var forWebOnly = Policy(PolicyJson("web-metadata", """
            { "podSelector": { "matchLabels": { "app": "web" } }, "policyTypes": ["Egress"],
              "egress": [ { "to": [ { "ipBlock": { "cidr": "169.254.169.0/24" } } ] } ] }
            """));

        Assert.Single(Run("default-deny-all-egress.json", new EvaluationFacts { NamespaceNetworkPolicies = [forWebOnly] }));
    }

    [Fact]
    public void Evaluate_AllowingPolicyIsIngressOnly_DoesNotCount()
    {
        var ingressOnly = Policy(PolicyJson("not-egress", """
            { "podSelector": {}, "policyTypes": ["Ingress"], "egress": [ {} ] }
            """));

        Assert.Single(Run("default-deny-all-egress.json", new EvaluationFacts { NamespaceNetworkPolicies = [ingressOnly] }));
    }

    [Fact]
    public void Evaluate_OldVersionOfTheSamePolicyInCache_IsNotCounted()
    {
        var oldVersion = Policy(PolicyJson("default-deny-egress", """
            { "podSelector": {}, "policyTypes": ["Egress"], "egress": [ {} ] }
            """));

        Assert.Single(Run("default-deny-all-egress.json", new EvaluationFacts { NamespaceNetworkPolicies = [oldVersion] }));
    }

    [Fact]
    public void Evaluate_NotANetworkPolicy_ReportsNothing()
    {
        var configMap = Subject(ResourceKind.ConfigMap, """
            { "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "x", "namespace": "payments" }, "data": {} }
            """);

        Assert.Empty(Evaluate(new MetadataEgressBlockedRule(), configMap));
    }
}
