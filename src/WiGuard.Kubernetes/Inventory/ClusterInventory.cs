using WiGuard.Core.Kubernetes;
using WiGuard.Kubernetes.Api;

namespace WiGuard.Kubernetes.Inventory;

/// <summary>Lists what an audit evaluates, one resource after the other to stay gentle on the API server.</summary>
public sealed class ClusterInventory(IKubeApi api, KubernetesOptions options) : IClusterInventory
{
    public const string SystemNamespace = "kube-system";

    /// <summary>ConfigMaps whose settings can SNAT metadata traffic (WI021).</summary>
    public static IReadOnlyList<string> MasqueradeConfigMaps { get; } = ["cilium-config", "ip-masq-agent"];

    private static readonly KubeResource[] Listed =
        [KubeResource.ServiceAccounts, KubeResource.Pods, .. KubeResource.Workloads, KubeResource.NetworkPolicies];

    public async Task<IReadOnlyList<ClusterObject>> ListAllAsync(string? @namespace, CancellationToken cancellationToken)
    {
        var objects = new List<ClusterObject>();
        foreach (var resource in Listed)
        {
            var kind = resource.ResourceKind ?? throw new InvalidOperationException($"{resource.Kind} is not a kind WiGuard evaluates");
            var list = await api.ListAllAsync(resource, @namespace, options.ListPageSize, cancellationToken);
            objects.AddRange(list.Items.Select(item => new ClusterObject(kind, item)));
        }

        if (@namespace is null or SystemNamespace)
        {
            foreach (var name in MasqueradeConfigMaps)
            {
                if (await api.GetAsync(KubeResource.ConfigMaps, SystemNamespace, name, cancellationToken) is { } configMap)
                    objects.Add(new ClusterObject(ResourceKind.ConfigMap, configMap));
            }
        }

        return objects;
    }
}
