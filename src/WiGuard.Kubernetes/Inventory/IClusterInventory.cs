using System.Text.Json;
using WiGuard.Core.Kubernetes;
using WiGuard.Kubernetes.Connection;

namespace WiGuard.Kubernetes.Inventory;

/// <summary>An object read from the cluster for an audit, with apiVersion and kind filled in.</summary>
public sealed record ClusterObject(ResourceKind Kind, JsonElement Object);

/// <summary>Everything an audit evaluates, read live from the API server.</summary>
public interface IClusterInventory
{
    /// <summary>
    /// Every ServiceAccount, Pod, workload and NetworkPolicy (in one namespace, or all when
    /// <paramref name="namespace"/> is null), plus the kube-system ConfigMaps that break the metadata path.
    /// </summary>
    /// <exception cref="Api.KubeApiException">The API server failed or refused.</exception>
    /// <exception cref="KubernetesConfigException">No usable cluster configuration.</exception>
    Task<IReadOnlyList<ClusterObject>> ListAllAsync(string? @namespace, CancellationToken cancellationToken);
}

/// <summary>Used when no cluster is configured or the configuration is broken: says so when asked.</summary>
public sealed class UnavailableClusterInventory(string reason) : IClusterInventory
{
    public Task<IReadOnlyList<ClusterObject>> ListAllAsync(string? @namespace, CancellationToken cancellationToken) =>
        Task.FromException<IReadOnlyList<ClusterObject>>(new KubernetesConfigException(reason));
}
