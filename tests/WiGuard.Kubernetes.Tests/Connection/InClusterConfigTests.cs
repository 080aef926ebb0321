using WiGuard.Kubernetes.Api;
using WiGuard.Kubernetes.Connection;
using WiGuard.Kubernetes.Tests.Support;
using WiGuard.TestSupport.FakeKubernetes;

namespace WiGuard.Kubernetes.Tests.Connection;

public sealed class InClusterConfigTests
{
    [Fact]
    public async Task Load_ServiceVariablesAndMountedFiles_ListsWithTheProjectedToken()
    {
        await using var cluster = await Cluster.StartAsync();
        var mount = MountServiceAccount(cluster, "projected-token");
        cluster.Server.AllowToken("projected-token");
        cluster.Server.Apply(FakeResource.Namespaces, Samples.Namespace("apps"));
        var config = new InClusterConfig(Environment(cluster.Server.BaseUri), mount);

        Assert.True(config.IsAvailable);
        var connection = config.Load(TimeProvider.System);
        using var api = new KubeApiClient(connection, cluster.Options);
        var page = await api.ListPageAsync(KubeResource.Namespaces, null, 10, null, CancellationToken.None);

        Assert.Equal($"https://127.0.0.1:{cluster.Server.BaseUri.Port}/", connection.Server.ToString());
        Assert.Single(page.Items);
        Assert.Equal("projected-token", cluster.Server.Requests[^1].BearerToken);
    }

    [Fact]
    public async Task IsAvailable_NoServiceVariables_IsFalse()
    {
        await using var cluster = await Cluster.StartAsync();
        var mount = MountServiceAccount(cluster, "t");

        Assert.False(new InClusterConfig(_ => null, mount).IsAvailable);
    }

    [Fact]
    public async Task IsAvailable_NoTokenMounted_IsFalse()
    {
        await using var cluster = await Cluster.StartAsync();

        Assert.False(new InClusterConfig(Environment(cluster.Server.BaseUri), Path.Combine(cluster.Directory, "missing")).IsAvailable);
    }

    [Fact]
    public async Task Load_CaBundleMissing_NamesTheFile()
    {
        await using var cluster = await Cluster.StartAsync();
        var mount = MountServiceAccount(cluster, "t");
        File.Delete(Path.Combine(mount, "ca.crt"));

        var error = Assert.Throws<KubernetesConfigException>(() =>
            new InClusterConfig(Environment(cluster.Server.BaseUri), mount).Load(TimeProvider.System));

        Assert.StartsWith($"cannot read the cluster CA bundle {Path.Combine(mount, "ca.crt")}: ", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Environment(Uri server) => name => name switch
    {
        "KUBERNETES_SERVICE_HOST" => server.Host,
        "KUBERNETES_SERVICE_PORT" => server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string MountServiceAccount(Cluster cluster, string token)
    {
        var mount = Path.Combine(cluster.Directory, "serviceaccount");
        Directory.CreateDirectory(mount);
        File.WriteAllText(Path.Combine(mount, "token"), token);
        File.WriteAllText(Path.Combine(mount, "ca.crt"), cluster.Server.Pki.AuthorityPem);
        File.WriteAllText(Path.Combine(mount, "namespace"), "wiguard");
        return mount;
    }
}
