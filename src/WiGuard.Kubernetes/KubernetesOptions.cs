namespace WiGuard.Kubernetes;

/// <summary>The <c>WiGuard:Kubernetes</c> configuration section.</summary>
public sealed class KubernetesOptions
{
    public const string Section = "WiGuard:Kubernetes";

    /// <summary>
    /// Path of a kubeconfig file for out-of-cluster access. Empty means in-cluster when running
    /// in a pod (service host/port set and the token mounted), otherwise no cluster.
    /// </summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Items per LIST page; large clusters are listed in pages so one reply stays small.</summary>
    public int ListPageSize { get; set; } = 500;

    /// <summary>Budget for one LIST or GET request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the API server keeps one WATCH open before the cache re-opens it.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First delay before retrying a failed LIST or WATCH; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
