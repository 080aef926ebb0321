using System.Text.Json;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Tests.Kubernetes;

public sealed class NetworkPolicyReadingTests
{
    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static NetworkPolicy Read(string ports) =>
        (NetworkPolicy)KubeObjectReader.Read(ResourceKind.NetworkPolicy, Parse($$"""
            { "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
              "metadata": { "name": "p", "namespace": "payments" },
              "spec": { "podSelector": { "matchExpressions": [ { "key": "tier", "operator": "NotIn", "values": ["batch"] } ] },
                        "policyTypes": ["Egress"],
                        "egress": [ { "to": [ { "ipBlock": { "cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"] } } ], "ports": {{ports}} } ] } }
            """));

    [Fact]
    public void Read_NetworkPolicy_ReturnsTypedPolicyWithEveryField()
    {
        var policy = Read("""[ { "protocol": "UDP", "port": 53, "endPort": 60 } ]""");

        var spec = policy.Spec!;
        Assert.Equal(["Egress"], spec.PolicyTypes!);
        var requirement = Assert.Single(spec.PodSelector!.MatchExpressions!);
        Assert.Equal(("tier", "NotIn", "batch"), (requirement.Key, requirement.Operator, Assert.Single(requirement.Values!)));
        var rule = Assert.Single(spec.Egress!);
        var block = Assert.Single(rule.To!).IpBlock!;
        Assert.Equal(("10.0.0.0/8", "10.1.0.0/16"), (block.Cidr, Assert.Single(block.Except!)));
        var port = Assert.Single(rule.Ports!);
        Assert.Equal(("UDP", 53, 60), (port.Protocol, port.Port!.Number, port.EndPort));
    }

    [Fact]
    public void Read_NamedPort_KeepsTheNameAsText()
    {
        var port = Assert.Single(Read("""[ { "port": "https" } ]""").Spec!.Egress![0].Ports!);

        Assert.Null(port.Port!.Number);
        Assert.Equal("https", port.Port.Text);
        Assert.Null(port.Protocol);
    }

    [Theory]
    [InlineData("true", "the value must be a number or a string, not True")]
    [InlineData("80.5", "the value must be a whole number that fits in 32 bits")]
    [InlineData("99999999999", "the value must be a whole number that fits in 32 bits")]
    [InlineData("{}", "the value must be a number or a string, not StartObject")]
    public void Read_PortOfTheWrongType_FailsWithThePathAndReason(string port, string reason)
    {
        var ex = Assert.Throws<InvalidObjectException>(() => Read($$"""[ { "port": {{port}} } ]"""));

        Assert.Equal($"the object does not match kind NetworkPolicy at spec.egress[0].ports[0].port: {reason}", ex.Message);
    }

    [Fact]
    public void IntOrString_WritesBackTheKindItWasReadAs()
    {
        var policy = Read("""[ { "port": 8080 }, { "port": "metrics" } ]""");

        var json = JsonSerializer.Serialize(policy, KubeJsonContext.Default.NetworkPolicy);

        Assert.Contains("""[{"port":8080},{"port":"metrics"}]""", json, StringComparison.Ordinal);
    }
}
