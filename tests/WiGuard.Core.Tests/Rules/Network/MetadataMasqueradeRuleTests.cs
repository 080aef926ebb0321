using System.Text.Json;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;
using WiGuard.Core.Rules.Network;
using static WiGuard.Core.Tests.Rules.Network.NetworkTestData;

namespace WiGuard.Core.Tests.Rules.Network;

public sealed class MetadataMasqueradeRuleTests
{
    private const string CiliumMessage =
        "[WI021] cilium-config enables BPF masquerade without excluding 169.254.0.0/16: pods get the node's identity";

    private const string IpMasqAgentMessage =
        "[WI021] ip-masq-agent masquerades link-local (masqLinkLocal: true): metadata calls get the node's identity";

    private static List<Finding> Run(string fileOrJson) =>
        Evaluate(new MetadataMasqueradeRule(), Subject(ResourceKind.ConfigMap, fileOrJson));

    /// <summary>The Helm-rendered cilium-config with some data keys replaced or removed (null value).</summary>
    private static string CiliumConfig(params (string Key, string? Value)[] changes)
    {
        var configMap = (ConfigMap)KubeObjectReader.Read(ResourceKind.ConfigMap, Json("cilium-config-bpf-masquerade.json"));
        foreach (var (key, value) in changes)
        {
            if (value is null) configMap.Data!.Remove(key);
            else configMap.Data![key] = value;
        }

        return JsonSerializer.Serialize(configMap, KubeJsonContext.Default.ConfigMap);
    }

    private static string IpMasqAgent(string? config, string ns = "kube-system", string name = "ip-masq-agent")
    {
        var data = config is null ? "{}" : $$"""{ "config": {{JsonSerializer.Serialize(config, KubeJsonContext.Default.String)}} }""";
        return $$"""
            { "apiVersion": "v1", "kind": "ConfigMap", "metadata": { "name": "{{name}}", "namespace": "{{ns}}" }, "data": {{data}} }
            """;
    }

    [Fact]
    public void Evaluate_HelmRenderedCiliumConfigWithBpfMasquerade_Warns()
    {
        var finding = Assert.Single(Run("cilium-config-bpf-masquerade.json"));

        Assert.Equal(CiliumMessage, finding.Message);
        Assert.Equal("ConfigMap kube-system/cilium-config", finding.Object);
        Assert.Contains("node's service account", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HelmManagedCiliumConfig_FixUsesTheHelmRelease()
    {
        var finding = Assert.Single(Run("cilium-config-bpf-masquerade.json"));

        Assert.Equal(
            """
            # Cloud NAT handles egress: BPF masquerading is not needed
            helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set bpf.masquerade=false
            # or keep it, with the ip-masq-agent (its default config never masquerades 169.254.0.0/16)
            helm upgrade cilium cilium/cilium -n kube-system --reuse-values --set ipMasqAgent.enabled=true
            """,
            finding.Fix);
    }

    [Fact]
    public void Evaluate_CiliumConfigNotFromHelm_FixPatchesTheConfigMap()
    {
        var json = CiliumConfig().Replace("meta.helm.sh/release-name", "example.com/owner", StringComparison.Ordinal);

        var finding = Assert.Single(Run(json));

        Assert.StartsWith(
            """
            # Cloud NAT handles egress: BPF masquerading is not needed
            kubectl -n kube-system patch configmap cilium-config --type merge -p '{"data":{"enable-bpf-masquerade":"false"}}'
            """,
            finding.Fix,
            StringComparison.Ordinal);
        Assert.EndsWith("kubectl -n kube-system rollout restart daemonset/cilium", finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("enable-bpf-masquerade", "false")]
    [InlineData("enable-bpf-masquerade", null)]
    [InlineData("enable-bpf-masquerade", "enabled")]
    [InlineData("enable-ipv4-masquerade", "false")]
    [InlineData("enable-ip-masq-agent", "true")]
    [InlineData("ipv4-native-routing-cidr", "0.0.0.0/0")]
    public void Evaluate_CiliumConfigThatDoesNotSnatMetadata_ReportsNothing(string key, string? value)
    {
        Assert.Empty(Run(CiliumConfig((key, value))));
    }

    [Theory]
    [InlineData("enable-bpf-masquerade", "True")]
    [InlineData("enable-ipv4-masquerade", null)]
    [InlineData("enable-ip-masq-agent", "false")]
    [InlineData("ipv4-native-routing-cidr", null)]
    [InlineData("ipv4-native-routing-cidr", "169.254.169.254/32")]
    public void Evaluate_CiliumConfigThatStillSnatsMetadata_Warns(string key, string? value)
    {
        Assert.Single(Run(CiliumConfig((key, value))));
    }

    [Theory]
    [InlineData("cilium", "cilium-config")]
    [InlineData("kube-system", "cilium-config-backup")]
    [InlineData("payments", "ip-masq-agent")]
    public void Evaluate_OtherConfigMaps_NeverFire(string ns, string name)
    {
        var json = CiliumConfig()
            .Replace("\"namespace\":\"kube-system\"", $"\"namespace\":\"{ns}\"", StringComparison.Ordinal)
            .Replace("\"name\":\"cilium-config\"", $"\"name\":\"{name}\"", StringComparison.Ordinal);

        Assert.Empty(Run(json));
        Assert.Empty(Run(IpMasqAgent("masqLinkLocal: true", ns, name)));
    }

    [Fact]
    public void Evaluate_CiliumChartIpMasqAgentJsonWithMasqLinkLocal_Warns()
    {
        var finding = Assert.Single(Run("ip-masq-agent-cilium-chart.json"));

        Assert.Equal(IpMasqAgentMessage, finding.Message);
        Assert.Contains("no nonMasqueradeCIDRs entry covering 169.254.169.254 and 169.254.169.252", finding.Why, StringComparison.Ordinal);
        Assert.Equal(
            """kubectl -n kube-system create configmap ip-masq-agent --from-literal=config='{"nonMasqueradeCIDRs":["10.0.0.0/8","172.16.0.0/12","192.168.0.0/16","169.254.0.0/16"],"masqLinkLocal":false}' --dry-run=client -o yaml | kubectl apply -f -""",
            finding.Fix);
    }

    [Fact]
    public void Evaluate_GkeIpMasqAgentYamlWithMasqLinkLocal_WarnsAndKeepsResyncInterval()
    {
        var finding = Assert.Single(Run("ip-masq-agent-gke.json"));

        Assert.Equal(IpMasqAgentMessage, finding.Message);
        Assert.Contains("""--from-literal=config='{"nonMasqueradeCIDRs":["10.0.0.0/8","172.16.0.0/12","192.168.0.0/16","169.254.0.0/16"],"masqLinkLocal":false,"resyncInterval":"60s"}'""", finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("masqLinkLocal: yes\nnonMasqueradeCIDRs: [10.0.0.0/8]")]
    [InlineData("MasqLinkLocal: true")]
    [InlineData("{\n\t\"masqLinkLocal\": true,\n\t\"nonMasqueradeCIDRs\": [\"169.254.169.254/32\"]\n}")]
    [InlineData("masqLinkLocal: true\nnonMasqueradeCIDRs:\n")]
    public void Evaluate_IpMasqAgentThatMasqueradesAMetadataAddress_Warns(string config)
    {
        Assert.Equal(IpMasqAgentMessage, Assert.Single(Run(IpMasqAgent(config))).Message);
    }

    [Theory]
    [InlineData("nonMasqueradeCIDRs:\n  - 10.0.0.0/8\nmasqLinkLocal: false\n")]
    [InlineData("nonMasqueradeCIDRs:\n  - 10.0.0.0/8\n")]
    [InlineData("""{"nonMasqueradeCIDRs":["10.0.0.0/8","169.254.0.0/16"],"masqLinkLocal":true}""")]
    [InlineData("masqLinkLocal: true\nnonMasqueradeCIDRs: [169.254.169.252/31, 169.254.169.254/32]")]
    [InlineData("")]
    [InlineData("# managed by the platform team\n")]
    [InlineData(null)]
    public void Evaluate_IpMasqAgentThatLeavesMetadataAlone_ReportsNothing(string? config)
    {
        Assert.Empty(Run(IpMasqAgent(config)));
    }

    [Theory]
    [InlineData("masqLinkLocal: \"true\"", "masqLinkLocal must be true or false (unquoted), not \"true\"")]
    [InlineData("nonMasqueradeCIDRs: [10.0.0.0/33]", "nonMasqueradeCIDRs holds \"10.0.0.0/33\", which is not a CIDR")]
    [InlineData("nonMasqueradeCIDRs: 10.0.0.0/8", "nonMasqueradeCIDRs must be a list of CIDRs")]
    [InlineData("- 10.0.0.0/8", "it is not a mapping of keys to values")]
    public void Evaluate_IpMasqAgentConfigWithWrongTypes_SaysWhyItCannotBeRead(string config, string reason)
    {
        var finding = Assert.Single(Run(IpMasqAgent(config)));

        Assert.StartsWith("[WI021] ip-masq-agent config cannot be read (", finding.Message, StringComparison.Ordinal);
        Assert.Contains(reason, finding.Why, StringComparison.Ordinal);
        Assert.True(finding.Advisory);
    }

    [Fact]
    public void Evaluate_IpMasqAgentConfigThatIsNotYaml_SaysItCannotBeReadWithoutCrashing()
    {
        var finding = Assert.Single(Run(IpMasqAgent("nonMasqueradeCIDRs: [10.0.0.0/8\nmasqLinkLocal: true")));

        Assert.StartsWith("[WI021] ip-masq-agent config cannot be read (", finding.Message, StringComparison.Ordinal);
        Assert.True(finding.Message.Length <= 120, finding.Message);
        Assert.Contains("169.254.0.0/16", finding.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("masqLinkLocal: true\nmasqLinkLocal: false\n")]
    [InlineData("{\"masqLinkLocal\": true, \"masqLinkLocal\": true}")]
    [InlineData("nonMasqueradeCIDRs: [10.0.0.0/8\nmasqLinkLocal: true")]
    [InlineData("masqLinkLocal: *missing")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")]
    public void Evaluate_BrokenIpMasqAgentConfig_IsReportedNotThrown(string config)
    {
        var finding = Assert.Single(Run(IpMasqAgent(config)));

        Assert.StartsWith("[WI021] ip-masq-agent config cannot be read (", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DeeplyNestedIpMasqAgentConfig_IsReportedNotThrown()
    {
        var config = "nonMasqueradeCIDRs: " + new string('[', 100_000) + new string(']', 100_000);

        var finding = Assert.Single(Run(IpMasqAgent(config)));

        Assert.StartsWith("[WI021] ip-masq-agent config cannot be read (", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_IpMasqAgentConfigWithYamlSyntaxError_NamesTheLine()
    {
        var finding = Assert.Single(Run(IpMasqAgent("nonMasqueradeCIDRs:\n  - 10.0.0.0/8\nmasqLinkLocal: true: false\n")));

        Assert.Equal("[WI021] ip-masq-agent config cannot be read (line 3, column 20)", finding.Message);
        Assert.EndsWith("is unknown: line 3, column 20: While scanning a plain scalar value, found invalid mapping.", finding.Why, StringComparison.Ordinal);
        Assert.True(finding.Advisory);
    }

    [Fact]
    public void Evaluate_AnyMessage_FitsAKubectlWarningLine()
    {
        Assert.True(CiliumMessage.Length <= 120);
        Assert.True(IpMasqAgentMessage.Length <= 120);
    }

    [Fact]
    public void Evaluate_NotAConfigMap_ReportsNothing()
    {
        var policy = Subject(ResourceKind.NetworkPolicy, "default-deny-all-egress.json");

        Assert.Empty(Evaluate(new MetadataMasqueradeRule(), policy));
    }
}
