using Microsoft.Extensions.Logging;
using WiGuard.Kubernetes.Api;
using WiGuard.Kubernetes.Caching;
using WiGuard.Kubernetes.Connection;

namespace WiGuard.Kubernetes;

/// <summary>
/// The cluster access decided once at start-up: none, a usable connection with its client and
/// caches, or a configuration error kept for the start-up log and /readyz (never thrown at the host).
/// </summary>
public sealed class ClusterSetup : IDisposable
{
    private ClusterSetup(ClusterConnection? connection, KubeApiClient? api, ClusterCaches? caches, string? error)
    {
        Connection = connection;
        Api = api;
        Caches = caches;
        Error = error;
    }

    public ClusterConnection? Connection { get; }

    public KubeApiClient? Api { get; }

    public ClusterCaches? Caches { get; }

    /// <summary>Why the configured cluster access cannot be used; null otherwise.</summary>
    public string? Error { get; }

    public bool Configured => Connection is not null || Error is not null;

    public static ClusterSetup Create(KubernetesOptions options, InClusterConfig inCluster, TimeProvider time, ILoggerFactory loggers)
    {
        ClusterConnection? connection;
        try
        {
            connection = !string.IsNullOrWhiteSpace(options.Kubeconfig) ? KubeconfigLoader.Load(options.Kubeconfig, time)
                : inCluster.IsAvailable ? inCluster.Load(time)
                : null;
        }
        catch (KubernetesConfigException ex)
        {
            return new ClusterSetup(null, null, null, ex.Message);
        }

        if (connection is null) return new ClusterSetup(null, null, null, null);
        var api = new KubeApiClient(connection, options);
        return new ClusterSetup(connection, api, new ClusterCaches(api, options, time, loggers), null);
    }

    public void Dispose() => Api?.Dispose();
}
