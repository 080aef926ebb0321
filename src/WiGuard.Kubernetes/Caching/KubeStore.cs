namespace WiGuard.Kubernetes.Caching;

/// <summary>
/// The objects of one cache by namespace and name, each with the resourceVersion it was stored at.
/// Every write reports the change it made (or none), so the cache raises each change exactly once.
/// </summary>
internal sealed class KubeStore<T> where T : class
{
    private readonly Lock _lock = new();
    private Dictionary<string, Dictionary<string, Entry>> _byNamespace = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_lock) return _byNamespace.Values.Sum(names => names.Count);
        }
    }

    /// <param name="namespace">Empty for cluster-scoped objects.</param>
    /// <param name="name">The object's name.</param>
    public T? Get(string @namespace, string name)
    {
        lock (_lock) return _byNamespace.TryGetValue(@namespace, out var names) && names.TryGetValue(name, out var entry) ? entry.Value : null;
    }

    public IReadOnlyList<T> List(string? @namespace)
    {
        lock (_lock)
        {
            if (@namespace is null) return [.. _byNamespace.Values.SelectMany(names => names.Values).Select(e => e.Value)];
            return _byNamespace.TryGetValue(@namespace, out var names) ? [.. names.Values.Select(e => e.Value)] : [];
        }
    }

    /// <summary>Stores or replaces an object; no change when the same resourceVersion is already stored (a replay).</summary>
    public KubeCacheChange<T>? Upsert(Entry entry)
    {
        lock (_lock)
        {
            if (!_byNamespace.TryGetValue(entry.Namespace, out var names))
                _byNamespace[entry.Namespace] = names = new Dictionary<string, Entry>(StringComparer.Ordinal);
            var existed = names.TryGetValue(entry.Name, out var current);
            if (existed && current!.ResourceVersion is not null && current.ResourceVersion == entry.ResourceVersion) return null;
            names[entry.Name] = entry;
            return entry.Change(existed ? KubeCacheChangeType.Modified : KubeCacheChangeType.Added);
        }
    }

    public KubeCacheChange<T>? Remove(string @namespace, string name)
    {
        lock (_lock)
        {
            if (!_byNamespace.TryGetValue(@namespace, out var names) || !names.Remove(name, out var removed)) return null;
            if (names.Count == 0) _byNamespace.Remove(@namespace);
            return removed.Change(KubeCacheChangeType.Deleted);
        }
    }

    /// <summary>Swaps in the result of a fresh LIST and returns what differs from before.</summary>
    public List<KubeCacheChange<T>> Replace(IEnumerable<Entry> entries)
    {
        var fresh = new Dictionary<string, Dictionary<string, Entry>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!fresh.TryGetValue(entry.Namespace, out var names))
                fresh[entry.Namespace] = names = new Dictionary<string, Entry>(StringComparer.Ordinal);
            names[entry.Name] = entry;
        }

        Dictionary<string, Dictionary<string, Entry>> old;
        lock (_lock)
        {
            old = _byNamespace;
            _byNamespace = fresh;
        }

        var changes = new List<KubeCacheChange<T>>();
        foreach (var entry in fresh.Values.SelectMany(names => names.Values))
        {
            var before = Find(old, entry.Namespace, entry.Name);
            if (before is null) changes.Add(entry.Change(KubeCacheChangeType.Added));
            else if (before.ResourceVersion is null || before.ResourceVersion != entry.ResourceVersion) changes.Add(entry.Change(KubeCacheChangeType.Modified));
        }

        changes.AddRange(old.Values.SelectMany(names => names.Values)
            .Where(entry => Find(fresh, entry.Namespace, entry.Name) is null)
            .Select(entry => entry.Change(KubeCacheChangeType.Deleted)));
        return changes;
    }

    private static Entry? Find(Dictionary<string, Dictionary<string, Entry>> store, string @namespace, string name) =>
        store.TryGetValue(@namespace, out var names) && names.TryGetValue(name, out var entry) ? entry : null;

    /// <param name="Namespace">Empty for cluster-scoped objects.</param>
    /// <param name="Name">The object's name.</param>
    /// <param name="ResourceVersion">Its metadata.resourceVersion, to spot replays.</param>
    /// <param name="Value">What the cache keeps.</param>
    public sealed record Entry(string Namespace, string Name, string? ResourceVersion, T Value)
    {
        public KubeCacheChange<T> Change(KubeCacheChangeType type) =>
            new(type, Namespace.Length == 0 ? null : Namespace, Name, Value);
    }
}
