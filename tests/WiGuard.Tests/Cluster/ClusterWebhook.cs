using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WiGuard.TestSupport;
using WiGuard.TestSupport.FakeKubernetes;
using WiGuard.Tests.Support;

namespace WiGuard.Tests.Cluster;

/// <summary>
/// <c>wiguard serve</c> wired as in a cluster: a fake API server on loopback reached through a real
/// kubeconfig, and the example IAM snapshot of project acme-prod (app-gsa granted to apps/app-ksa,
/// orders-gsa only to staging/app-ksa).
/// </summary>
public sealed class ClusterWebhook : IAsyncDisposable
{
    public const string Token = "wiguard-sa-token-7c1e";
    public const string AppGsa = "app-gsa@acme-prod.iam.gserviceaccount.com";
    public const string OrdersGsa = "orders-gsa@acme-prod.iam.gserviceaccount.com";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly string _dir;

    private ClusterWebhook(FakeKubernetesServer cluster, string dir)
    {
        Cluster = cluster;
        _dir = dir;
    }

    public FakeKubernetesServer Cluster { get; }

    public WebhookServer Webhook { get; private set; } = null!;

    /// <summary>Starts the fake cluster; <see cref="StartWebhookAsync"/> starts the webhook once the test has filled it.</summary>
    public static async Task<ClusterWebhook> CreateAsync()
    {
        var cluster = await FakeKubernetesServer.StartAsync();
        cluster.AllowToken(Token);
        return new ClusterWebhook(cluster, Directory.CreateTempSubdirectory("wiguard-cluster-").FullName);
    }

    public async Task StartWebhookAsync(params string[] extra)
    {
        var kubeconfig = Kubeconfig.Write(_dir, Cluster.BaseUri, Cluster.Pki.AuthorityPem, token: Token);
        Webhook = await WebhookServer.StartAsync(
        [
            "--WiGuard:Mode=Enforce",
            "--WiGuard:WorkloadPool=acme-prod.svc.id.goog",
            $"--WiGuard:Iam:SnapshotPath={RepoFiles.Path("examples/iam-snapshot.json")}",
            $"--WiGuard:Kubernetes:Kubeconfig={kubeconfig}",
            "--WiGuard:Kubernetes:InitialBackoff=00:00:00.2",
            "--WiGuard:Kubernetes:MaxBackoff=00:00:01",
            // The background audit reads the same cluster; these tests are about admissions.
            "--WiGuard:Audit:Interval=00:00:00",
            .. extra,
        ]);
    }

    /// <summary>Starts the webhook and waits (bounded) until /readyz says the caches have synced.</summary>
    public async Task StartReadyAsync(params string[] extra)
    {
        await StartWebhookAsync(extra);
        await WaitForReadyzAsync(HttpStatusCode.OK);
    }

    /// <summary>Polls /readyz until it answers <paramref name="status"/> with a body that satisfies <paramref name="body"/>.</summary>
    public async Task<JsonElement> WaitForReadyzAsync(HttpStatusCode status, Func<JsonElement, bool>? body = null)
    {
        var (lastStatus, lastBody) = ((HttpStatusCode)0, "");
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            (lastStatus, lastBody) = await ReadyzAsync();
            var json = Reviews.Json(lastBody);
            if (lastStatus == status && (body is null || body(json))) return json;
            await Task.Delay(50);
        }

        throw new TimeoutException($"/readyz never answered {(int)status} as expected; last {(int)lastStatus}: {lastBody}");
    }

    public async Task<(HttpStatusCode Status, string Body)> ReadyzAsync()
    {
        using var client = Webhook.Client();
        using var response = await client.GetAsync("/readyz");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts the review until its response satisfies <paramref name="expected"/>: the caches follow the cluster through a watch.</summary>
    public async Task<JsonElement> ReviewUntilAsync(string review, Func<JsonElement, bool> expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement response;
        do
        {
            response = await Webhook.ReviewAsync(review);
            if (expected(response)) return response;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"the webhook never gave the expected answer; last: {response}");
    }

    /// <summary>Creates or replaces a ServiceAccount in the cluster, annotated with <paramref name="gsa"/> unless it is null.</summary>
    public void ApplyServiceAccount(string ns, string name, string? gsa)
    {
        var annotations = new JsonObject();
        if (gsa is not null) annotations["iam.gke.io/gcp-service-account"] = gsa;
        var sa = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["annotations"] = annotations },
        };
        Cluster.Apply(FakeResource.ServiceAccounts, sa.ToJsonString());
    }

    /// <summary>Creates or replaces a Namespace in the cluster with the labels the API server sets plus <paramref name="labels"/>.</summary>
    public void ApplyNamespace(string name, params (string Key, string Value)[] labels)
    {
        var labelObject = new JsonObject { ["kubernetes.io/metadata.name"] = name };
        foreach (var (key, value) in labels) labelObject[key] = value;
        var ns = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labelObject },
            ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
            ["status"] = new JsonObject { ["phase"] = "Active" },
        };
        Cluster.Apply(FakeResource.Namespaces, ns.ToJsonString());
    }

    public static IReadOnlyList<string> Warnings(JsonElement response) =>
        response.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array
            ? [.. warnings.EnumerateArray().Select(w => w.GetString()!)]
            : [];

    public static bool Allowed(JsonElement response) => response.GetProperty("allowed").GetBoolean();

    public async ValueTask DisposeAsync()
    {
        if (Webhook is not null) await Webhook.DisposeAsync();
        await Cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
