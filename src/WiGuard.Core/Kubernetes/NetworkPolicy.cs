namespace WiGuard.Core.Kubernetes;

/// <summary>networking.k8s.io/v1 NetworkPolicy: the fields that decide where selected pods may send traffic.</summary>
public sealed class NetworkPolicy : KubeObject
{
    public NetworkPolicySpec? Spec { get; set; }
}

public sealed class NetworkPolicySpec
{
    /// <summary>Pods the policy applies to; an empty selector selects every pod of the namespace.</summary>
    public LabelSelector? PodSelector { get; set; }

    /// <summary>"Ingress" and/or "Egress"; when absent the API server derives it from the spec.</summary>
    public List<string>? PolicyTypes { get; set; }

    public List<NetworkPolicyEgressRule>? Egress { get; set; }

    /// <summary>Read only to tell an absent section from a present one; WiGuard does not judge ingress.</summary>
    public List<System.Text.Json.JsonElement>? Ingress { get; set; }
}

public sealed class LabelSelector
{
    public Dictionary<string, string?>? MatchLabels { get; set; }
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}

public sealed class LabelSelectorRequirement
{
    public string? Key { get; set; }

    /// <summary>In, NotIn, Exists or DoesNotExist.</summary>
    public string? Operator { get; set; }

    public List<string>? Values { get; set; }
}

public sealed class NetworkPolicyEgressRule
{
    /// <summary>Destinations; absent or empty means every destination.</summary>
    public List<NetworkPolicyPeer>? To { get; set; }

    /// <summary>Ports; absent or empty means every port.</summary>
    public List<NetworkPolicyPort>? Ports { get; set; }
}

public sealed class NetworkPolicyPeer
{
    public IpBlock? IpBlock { get; set; }
    public LabelSelector? PodSelector { get; set; }
    public LabelSelector? NamespaceSelector { get; set; }
}

public sealed class IpBlock
{
    public string? Cidr { get; set; }
    public List<string>? Except { get; set; }
}

public sealed class NetworkPolicyPort
{
    /// <summary>TCP (the default when absent), UDP or SCTP.</summary>
    public string? Protocol { get; set; }

    /// <summary>A number or a named container port; absent means every port of the protocol.</summary>
    public IntOrString? Port { get; set; }

    /// <summary>With a numeric port: the inclusive end of a port range.</summary>
    public int? EndPort { get; set; }
}
