using WiGuard.Kubernetes.Caching;

namespace WiGuard.Kubernetes.Tests.Caching;

public sealed class KubeStoreTests
{
    [Fact]
    public void Upsert_SameResourceVersionTwice_ReportsOneChange()
    {
        var store = new KubeStore<string>();

        var first = store.Upsert(new("apps", "web", "10", "v1"));
        var replay = store.Upsert(new("apps", "web", "10", "v1"));
        var update = store.Upsert(new("apps", "web", "11", "v2"));

        Assert.Equal(KubeCacheChangeType.Added, first!.Type);
        Assert.Null(replay);
        Assert.Equal(KubeCacheChangeType.Modified, update!.Type);
        Assert.Equal("v2", store.Get("apps", "web"));
    }

    [Fact]
    public void Remove_Twice_ReportsOneDeletion()
    {
        var store = new KubeStore<string>();
        store.Upsert(new("apps", "web", "10", "v1"));

        Assert.Equal(KubeCacheChangeType.Deleted, store.Remove("apps", "web")!.Type);
        Assert.Null(store.Remove("apps", "web"));
        Assert.Empty(store.List(null));
    }

    [Fact]
    public void Replace_ReportsOnlyWhatDiffers()
    {
        var store = new KubeStore<string>();
        store.Upsert(new("apps", "same", "1", "s"));
        store.Upsert(new("apps", "changed", "2", "old"));
        store.Upsert(new("apps", "gone", "3", "g"));

        var changes = store.Replace([new("apps", "same", "1", "s"), new("apps", "changed", "9", "new"), new("", "cluster-wide", "8", "c")]);

        Assert.Equal(["Modified apps/changed", "Added /cluster-wide", "Deleted apps/gone"], changes.Select(c => $"{c.Type} {c.Namespace}/{c.Name}"));
        Assert.Equal("c", store.Get("", "cluster-wide"));
        Assert.Equal(3, store.Count);
    }
}
