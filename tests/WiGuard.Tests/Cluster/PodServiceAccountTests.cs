using WiGuard.TestSupport.FakeKubernetes;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Cluster;

/// <summary>Pods and workload templates judged by the KSA the cluster holds for them (WI011, WI012).</summary>
public sealed class PodServiceAccountTests : IAsyncLifetime
{
    private ClusterWebhook _sut = null!;

    public async Task InitializeAsync()
    {
        _sut = await ClusterWebhook.CreateAsync();
        _sut.ApplyNamespace("apps");
    }

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task Deployment_KsaAnnotatedWithGsaGrantedToAnotherNamespace_WarnsWi011PointingAtWi004()
    {
        ClusterKsa("app-ksa", ClusterWebhook.OrdersGsa);
        await _sut.StartReadyAsync();

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(Deployment("orders", "app-ksa")));

        Assert.True(ClusterWebhook.Allowed(response));
        var warning = Assert.Single(ClusterWebhook.Warnings(response), w => w.StartsWith("[WI011]", StringComparison.Ordinal));
        Assert.Contains("app-ksa", warning, StringComparison.Ordinal);
        Assert.Contains("WI004", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployment_KsaAnnotatedWithGsaGrantedToIt_HasNoWi011()
    {
        ClusterKsa("app-ksa", ClusterWebhook.AppGsa);
        await _sut.StartReadyAsync();

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(Deployment("orders", "app-ksa")));

        Assert.True(ClusterWebhook.Allowed(response));
        Assert.Empty(ClusterWebhook.Warnings(response));
    }

    [Fact]
    public async Task Deployment_KsaGrantAddedInTheCluster_Wi011FollowsTheNewAnnotation()
    {
        ClusterKsa("app-ksa", ClusterWebhook.OrdersGsa);
        await _sut.StartReadyAsync();
        var review = Reviews.For(Deployment("orders", "app-ksa"));
        Assert.Contains(ClusterWebhook.Warnings(await _sut.Webhook.ReviewAsync(review)), w => w.StartsWith("[WI011]", StringComparison.Ordinal));

        ClusterKsa("app-ksa", ClusterWebhook.AppGsa);

        var response = await _sut.ReviewUntilAsync(review, r => ClusterWebhook.Warnings(r).Count == 0);
        Assert.True(ClusterWebhook.Allowed(response));
    }

    [Fact]
    public async Task Deployment_KsaTheClusterDoesNotHave_IsAllowed()
    {
        ClusterKsa("app-ksa", ClusterWebhook.AppGsa);
        await _sut.StartReadyAsync();

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(Deployment("orders", "orders-ksa")));

        Assert.True(ClusterWebhook.Allowed(response));
        Assert.False(response.TryGetProperty("status", out _));
        Assert.DoesNotContain(ClusterWebhook.Warnings(response), w => w.StartsWith("[WI011]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deployment_KsaAnnotatedWithGsaThatDoesNotExist_WarnsWi011PointingAtWi003()
    {
        ClusterKsa("app-ksa", "ghost-gsa@acme-prod.iam.gserviceaccount.com");
        await _sut.StartReadyAsync();

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(Deployment("orders", "app-ksa")));

        Assert.True(ClusterWebhook.Allowed(response));
        var warning = Assert.Single(ClusterWebhook.Warnings(response), w => w.StartsWith("[WI011]", StringComparison.Ordinal));
        Assert.Contains("ghost-gsa@acme-prod.iam.gserviceaccount.com", warning, StringComparison.Ordinal);
        Assert.Contains("WI003", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployment_KsaCreatedAfterStart_IsJudgedOnceTheWatchDeliversIt()
    {
        await _sut.StartReadyAsync();
        var review = Reviews.For(Deployment("orders", "app-ksa"));
        Assert.DoesNotContain(ClusterWebhook.Warnings(await _sut.Webhook.ReviewAsync(review)), w => w.StartsWith("[WI011]", StringComparison.Ordinal));

        ClusterKsa("app-ksa", ClusterWebhook.OrdersGsa);

        await _sut.ReviewUntilAsync(review, r => ClusterWebhook.Warnings(r).Any(w => w.StartsWith("[WI011]", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CronJob_HostNetworkTemplateWithAnnotatedKsa_WarnsWi012()
    {
        ClusterKsa("app-ksa", ClusterWebhook.AppGsa);
        await _sut.StartReadyAsync();
        const string cronJob = """
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly-export","namespace":"apps"},
             "spec":{"schedule":"0 2 * * *","jobTemplate":{"spec":{"backoffLimit":2,"template":{"spec":{
              "restartPolicy":"OnFailure","hostNetwork":true,"serviceAccountName":"app-ksa",
              "containers":[{"name":"export","image":"us-docker.pkg.dev/acme-prod/apps/export:3.1.0"}]}}}}}}
            """;

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(cronJob));

        Assert.True(ClusterWebhook.Allowed(response));
        var warning = Assert.Single(ClusterWebhook.Warnings(response));
        Assert.StartsWith("[WI012]", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostNetworkPod_KsaAnnotatedInTheCluster_WarnsWi012NamingTheGsa()
    {
        ClusterKsa("app-ksa", ClusterWebhook.AppGsa);
        await _sut.StartReadyAsync();

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(HostNetworkPod("app-ksa")));

        Assert.True(ClusterWebhook.Allowed(response));
        var warning = Assert.Single(ClusterWebhook.Warnings(response));
        Assert.StartsWith("[WI012]", warning, StringComparison.Ordinal);
        Assert.Contains(ClusterWebhook.AppGsa, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostNetworkPod_KsaWithoutAnnotationInTheCluster_HasNoWi012()
    {
        ClusterKsa("node-agent", gsa: null);
        await _sut.StartReadyAsync();

        var response = await _sut.Webhook.ReviewAsync(Reviews.For(HostNetworkPod("node-agent")));

        Assert.True(ClusterWebhook.Allowed(response));
        Assert.Empty(ClusterWebhook.Warnings(response));
    }

    private void ClusterKsa(string name, string? gsa) => _sut.ApplyServiceAccount("apps", name, gsa);

    private static string Deployment(string name, string ksa) => """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"NAME","namespace":"apps","labels":{"app":"NAME"}},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"NAME"}},
          "template":{"metadata":{"labels":{"app":"NAME"}},
           "spec":{"serviceAccountName":"KSA",
            "containers":[{"name":"NAME","image":"us-docker.pkg.dev/acme-prod/apps/NAME:2.3.1","ports":[{"containerPort":8080}]}]}}}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("KSA", ksa, StringComparison.Ordinal);

    private static string HostNetworkPod(string ksa) => """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"node-probe-x7k2p","namespace":"apps"},
         "spec":{"hostNetwork":true,"dnsPolicy":"ClusterFirstWithHostNet","serviceAccountName":"KSA",
          "containers":[{"name":"probe","image":"us-docker.pkg.dev/acme-prod/apps/node-probe:0.9.0"}]}}
        """.Replace("KSA", ksa, StringComparison.Ordinal);
}
