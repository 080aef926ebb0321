using System.Net;
using System.Text.Json;
using WiGuard.Kubernetes.Api;
using WiGuard.Kubernetes.Connection;
using WiGuard.Kubernetes.Tests.Support;
using WiGuard.TestSupport.FakeKubernetes;

namespace WiGuard.Kubernetes.Tests.Api;

public sealed class KubeApiClientTests
{
    [Fact]
    public async Task ListAllAsync_FivePagesOfTwo_FollowsContinueTokensAndFillsKind()
    {
        await using var cluster = await Cluster.StartAsync();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
            cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", name));
        var expectedVersion = cluster.Server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var list = await cluster.Api.ListAllAsync(KubeResource.ServiceAccounts, null, 2, CancellationToken.None);

        Assert.Equal(["a", "b", "c", "d", "e"], list.Items.Select(i => i.GetProperty("metadata").GetProperty("name").GetString()));
        Assert.All(list.Items, i => Assert.Equal("ServiceAccount", i.GetProperty("kind").GetString()));
        Assert.All(list.Items, i => Assert.Equal("v1", i.GetProperty("apiVersion").GetString()));
        Assert.Equal(expectedVersion, list.ResourceVersion);
        var lists = cluster.Server.Requests.Where(r => r.Path == "/api/v1/serviceaccounts").ToList();
        Assert.Equal(3, lists.Count);
        Assert.All(lists, r => Assert.Equal("2", r.Query["limit"]));
        Assert.False(lists[0].Query.ContainsKey("continue"));
        Assert.True(lists[1].Query.ContainsKey("continue"));
        Assert.True(lists[2].Query.ContainsKey("continue"));
    }

    [Fact]
    public async Task ListAllAsync_ObjectAddedBetweenPages_ReturnsTheFirstPagesSnapshot()
    {
        await using var cluster = await Cluster.StartAsync();
        foreach (var name in new[] { "a", "b", "c" })
            cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", name));
        var api = new OnFirstPage(cluster.Api, () => cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "z")));

        var list = await api.ListAllAsync(KubeResource.ServiceAccounts, "apps", 2, CancellationToken.None);

        Assert.Equal(3, list.Items.Count);
    }

    [Fact]
    public async Task ListAllAsync_ContinueTokenExpiresBetweenPages_StartsOverAndReturnsEverything()
    {
        await using var cluster = await Cluster.StartAsync();
        foreach (var name in new[] { "a", "b", "c" })
            cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", name));
        var api = new OnFirstPage(cluster.Api, () =>
        {
            cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "d"));
            cluster.Server.Compact();
        });

        var list = await api.ListAllAsync(KubeResource.ServiceAccounts, "apps", 2, CancellationToken.None);

        Assert.Equal(["a", "b", "c", "d"], list.Items.Select(i => i.GetProperty("metadata").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ListPageAsync_OneNamespace_UsesNamespacedPathAndReturnsOnlyIt()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.Deployments, Samples.Deployment("apps", "web", "web-ksa"));
        cluster.Server.Apply(FakeResource.Deployments, Samples.Deployment("other", "api", "api-ksa"));

        var page = await cluster.Api.ListPageAsync(KubeResource.Deployments, "apps", 10, null, CancellationToken.None);

        var item = Assert.Single(page.Items);
        Assert.Equal("apps/v1", item.GetProperty("apiVersion").GetString());
        Assert.Equal("Deployment", item.GetProperty("kind").GetString());
        Assert.Contains(cluster.Server.Requests, r => r.Path == "/apis/apps/v1/namespaces/apps/deployments");
    }

    [Fact]
    public async Task ListPageAsync_ServerUrlWithPath_KeepsThePathPrefix()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.PathPrefix = "/k8s/clusters/c-m-4x7";
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "web"));
        var path = Kubeconfig.Write(Path.Combine(cluster.Directory, "proxy"), new Uri(cluster.Server.BaseUri, "k8s/clusters/c-m-4x7"),
            cluster.Server.Pki.AuthorityPem, token: Cluster.Token);
        using var api = new KubeApiClient(KubeconfigLoader.Load(path, TimeProvider.System), cluster.Options);

        var page = await api.ListPageAsync(KubeResource.ServiceAccounts, "apps", 10, null, CancellationToken.None);

        Assert.Single(page.Items);
        Assert.Equal("/k8s/clusters/c-m-4x7/api/v1/namespaces/apps/serviceaccounts", cluster.Server.Requests[^1].Path);
    }

    [Fact]
    public async Task GetAsync_MissingObject_ReturnsNull()
    {
        await using var cluster = await Cluster.StartAsync();

        var found = await cluster.Api.GetAsync(KubeResource.ConfigMaps, "kube-system", "cilium-config", CancellationToken.None);

        Assert.Null(found);
    }

    [Fact]
    public async Task GetAsync_ExistingObject_ReturnsIt()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ConfigMaps, Samples.ConfigMap("kube-system", "ip-masq-agent", "config", "masqLinkLocal: true"));

        var found = await cluster.Api.GetAsync(KubeResource.ConfigMaps, "kube-system", "ip-masq-agent", CancellationToken.None);

        Assert.Equal("masqLinkLocal: true", found!.Value.GetProperty("data").GetProperty("config").GetString());
    }

    [Fact]
    public async Task ListPageAsync_TokenRejected_ThrowsWithStatusAndUrl()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.RevokeToken(Cluster.Token);

        var error = await Assert.ThrowsAsync<KubeApiException>(() =>
            cluster.Api.ListPageAsync(KubeResource.ServiceAccounts, null, 10, null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal($"401 Unauthorized from {cluster.Server.BaseUri}api/v1/serviceaccounts: Unauthorized", error.Message);
    }

    [Fact]
    public async Task ListPageAsync_Forbidden_ReportsTheApiServersReason()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Forbid(FakeResource.Namespaces);

        var error = await Assert.ThrowsAsync<KubeApiException>(() =>
            cluster.Api.ListPageAsync(KubeResource.Namespaces, null, 10, null, CancellationToken.None));

        Assert.StartsWith($"403 Forbidden from {cluster.Server.BaseUri}api/v1/namespaces: namespaces is forbidden: User", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPageAsync_ClientCertificateFromKubeconfig_Authenticates()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "web"));
        var path = Kubeconfig.Write(Path.Combine(cluster.Directory, "cert"), cluster.Server.BaseUri, cluster.Server.Pki.AuthorityPem,
            clientCertificatePem: cluster.Server.Pki.ClientCertificatePem, clientKeyPem: cluster.Server.Pki.ClientKeyPem);
        using var api = new KubeApiClient(KubeconfigLoader.Load(path, TimeProvider.System), cluster.Options);

        var page = await api.ListPageAsync(KubeResource.ServiceAccounts, null, 10, null, CancellationToken.None);

        Assert.Single(page.Items);
        var request = cluster.Server.Requests[^1];
        Assert.Null(request.BearerToken);
        Assert.Contains("CN=wiguard", request.ClientCertificateSubject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPageAsync_ServerCertificateFromAnotherCa_IsRejected()
    {
        await using var cluster = await Cluster.StartAsync();
        using var stranger = TestPki.Create(authorityName: "someone-elses-ca");
        var path = Kubeconfig.Write(Path.Combine(cluster.Directory, "wrong-ca"), cluster.Server.BaseUri, stranger.AuthorityPem, token: Cluster.Token);
        using var api = new KubeApiClient(KubeconfigLoader.Load(path, TimeProvider.System), cluster.Options);

        var error = await Assert.ThrowsAsync<KubeApiException>(() =>
            api.ListPageAsync(KubeResource.ServiceAccounts, null, 10, null, CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Equal(
            $"cannot reach {cluster.Server.BaseUri}api/v1/serviceaccounts: TLS handshake failed: the server certificate does not chain to the configured CA or does not match the host name",
            error.Message);
        Assert.DoesNotContain(cluster.Server.Requests, r => r.Path == "/api/v1/serviceaccounts");
    }

    [Fact]
    public async Task ListPageAsync_InsecureSkipTlsVerify_ConnectsWithoutCa()
    {
        await using var cluster = await Cluster.StartAsync();
        var path = Kubeconfig.WriteText(Path.Combine(cluster.Directory, "insecure"), $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: {cluster.Server.BaseUri}
                insecure-skip-tls-verify: true
            users:
            - name: u
              user: {"{"}token: {Cluster.Token}{"}"}
            contexts:
            - name: x
              context: {"{"}cluster: c, user: u{"}"}
            current-context: x
            """);
        using var api = new KubeApiClient(KubeconfigLoader.Load(path, TimeProvider.System), cluster.Options);

        var page = await api.ListPageAsync(KubeResource.ServiceAccounts, null, 10, null, CancellationToken.None);

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task ListPageAsync_NothingListening_SaysCannotReach()
    {
        var port = FreePort();
        var connection = new ClusterConnection { Server = new Uri($"https://127.0.0.1:{port}"), Source = "test" };
        using var api = new KubeApiClient(connection, Cluster.FastOptions());

        var error = await Assert.ThrowsAsync<KubeApiException>(() =>
            api.ListPageAsync(KubeResource.ServiceAccounts, null, 10, null, CancellationToken.None));

        Assert.StartsWith($"cannot reach https://127.0.0.1:{port}/api/v1/serviceaccounts: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_SendsWatchParametersAndStreamsEvents()
    {
        await using var cluster = await Cluster.StartAsync();
        var from = cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "b", "b-gsa@my-proj.iam.gserviceaccount.com"));
        cluster.Server.Delete(FakeResource.ServiceAccounts, "apps", "a");

        using var watch = await cluster.Api.WatchAsync(KubeResource.ServiceAccounts, null, from, TimeSpan.FromSeconds(1), CancellationToken.None);
        var events = new List<WatchEvent>();
        await foreach (var e in watch.ReadEventsAsync(CancellationToken.None)) events.Add(e);

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal(["b", "a"], events.Select(e => e.Object.GetProperty("metadata").GetProperty("name").GetString()));
        var request = cluster.Server.Requests.Single(r => r.IsWatch);
        Assert.Equal("true", request.Query["allowWatchBookmarks"]);
        Assert.Equal(from, request.Query["resourceVersion"]);
        Assert.Equal("1", request.Query["timeoutSeconds"]);
    }

    [Fact]
    public async Task FakeServer_Watch_IsAChunkedStreamOfJsonLines()
    {
        await using var cluster = await Cluster.StartAsync();
        var from = cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "a"));
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "b"));
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = cluster.Server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Cluster.Token);

        using var response = await http.GetAsync($"api/v1/serviceaccounts?watch=true&resourceVersion={from}&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.Headers.TransferEncodingChunked);
        var line = Assert.Single(body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var document = JsonDocument.Parse(line);
        Assert.Equal("ADDED", document.RootElement.GetProperty("type").GetString());
        Assert.Equal("b", document.RootElement.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ListPageAsync_TokenFileRotatedAndOldTokenRejected_RereadsOn401()
    {
        await using var cluster = await Cluster.StartAsync();
        var tokenPath = Path.Combine(cluster.Directory, "token");
        File.WriteAllText(tokenPath, "token-1");
        cluster.Server.AllowToken("token-1");
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        var connection = new ClusterConnection
        {
            Server = cluster.Server.BaseUri,
            Source = "test",
            CertificateAuthorities = [cluster.Server.Pki.Authority],
            Token = new FileTokenSource(tokenPath, time),
        };
        using var api = new KubeApiClient(connection, cluster.Options);
        await api.ListPageAsync(KubeResource.ServiceAccounts, null, 10, null, CancellationToken.None);

        File.WriteAllText(tokenPath, "token-2");
        cluster.Server.AllowToken("token-2");
        cluster.Server.RevokeToken("token-1");
        await api.ListPageAsync(KubeResource.ServiceAccounts, null, 10, null, CancellationToken.None);

        Assert.Equal(["token-1", "token-1", "token-2"], cluster.Server.Requests.Select(r => r.BearerToken));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs an action right after the first page, to change the server between pages.</summary>
    private sealed class OnFirstPage(IKubeApi inner, Action action) : IKubeApi
    {
        private int _pages;

        public Uri Server => inner.Server;

        public async Task<KubeListPage> ListPageAsync(KubeResource resource, string? @namespace, int limit, string? continueToken, CancellationToken cancellationToken)
        {
            var page = await inner.ListPageAsync(resource, @namespace, limit, continueToken, cancellationToken);
            if (++_pages == 1) action();
            return page;
        }

        public Task<KubeWatch> WatchAsync(KubeResource resource, string? @namespace, string resourceVersion, TimeSpan timeout, CancellationToken cancellationToken) =>
            inner.WatchAsync(resource, @namespace, resourceVersion, timeout, cancellationToken);

        public Task<JsonElement?> GetAsync(KubeResource resource, string? @namespace, string name, CancellationToken cancellationToken) =>
            inner.GetAsync(resource, @namespace, name, cancellationToken);
    }
}
