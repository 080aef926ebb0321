namespace WiGuard.Kubernetes.Caching;

public enum KubeCacheChangeType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One change applied to a cache, from a WATCH event or a re-list.</summary>
public sealed record KubeCacheChange<T>(KubeCacheChangeType Type, string? Namespace, string Name, T Value);
