using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WiGuard.Chart.Tests.Support;

/// <summary>
/// Just enough of the Kubernetes API, over real HTTP on loopback, for
/// `helm template --dry-run=server`: version, discovery of the kinds the chart renders, and
/// GET of single objects, answered from what the test stored (404 for everything else). That
/// is what Helm's `lookup` and its pre-install ownership checks call; the test gets the
/// kubeconfig to pass to Helm.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    private static readonly (string Group, string Resource, string Kind, bool Namespaced)[] Kinds =
    [
        ("", "secrets", "Secret", true),
        ("", "serviceaccounts", "ServiceAccount", true),
        ("", "services", "Service", true),
        ("apps", "deployments", "Deployment", true),
        ("policy", "poddisruptionbudgets", "PodDisruptionBudget", true),
        ("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", false),
        ("rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", false),
        ("rbac.authorization.k8s.io", "roles", "Role", true),
        ("rbac.authorization.k8s.io", "rolebindings", "RoleBinding", true),
        ("admissionregistration.k8s.io", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false),
    ];

    private readonly WebApplication _app;
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly string _kubeconfigPath = Path.Combine(Path.GetTempPath(), $"wiguard-kubeconfig-{Guid.NewGuid():N}.yaml");

    private FakeKubernetesApi(WebApplication app) => _app = app;

    public string KubeconfigPath => _kubeconfigPath;

    public static async Task<FakeKubernetesApi> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeKubernetesApi(builder.Build());
        fake.MapRoutes();
        await fake._app.StartAsync(cancellationToken);

        var address = fake._app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single();
        await File.WriteAllTextAsync(fake._kubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake
                cluster:
                  server: {address}
            users:
              - name: tester
                user:
                  token: not-a-real-token
            contexts:
              - name: fake
                context:
                  cluster: fake
                  user: tester
            current-context: fake
            """, cancellationToken);
        return fake;
    }

    /// <summary>Stores an object as the API server would return it on GET.</summary>
    public void Add(JsonObject obj)
    {
        var kind = (string)obj["kind"]!;
        var (group, resource, _, namespaced) = Kinds.Single(k => k.Kind == kind);
        var ns = namespaced ? (string?)obj["metadata"]!["namespace"] : null;
        _objects[ObjectPath(group, resource, ns, (string)obj["metadata"]!["name"]!)] = obj;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        File.Delete(_kubeconfigPath);
    }

    private static string ObjectPath(string group, string resource, string? ns, string name) =>
        (group.Length == 0 ? "/api/v1" : $"/apis/{group}/v1")
        + (ns is null ? "" : $"/namespaces/{ns}")
        + $"/{resource}/{name}";

    private void MapRoutes()
    {
        _app.MapGet("/version", () => Json(new JsonObject { ["major"] = "1", ["minor"] = "33", ["gitVersion"] = "v1.33.0" }));
        _app.MapGet("/api", () => Json(new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1" }),
        }));
        _app.MapGet("/apis", () => Json(new JsonObject
        {
            ["kind"] = "APIGroupList",
            ["apiVersion"] = "v1",
            ["groups"] = new JsonArray(Kinds.Select(k => k.Group).Where(g => g.Length > 0).Distinct().Select(g => (JsonNode)new JsonObject
            {
                ["name"] = g,
                ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = $"{g}/v1", ["version"] = "v1" }),
                ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{g}/v1", ["version"] = "v1" },
            }).ToArray()),
        }));
        _app.MapGet("/api/v1", () => ResourceList(""));
        _app.MapGet("/apis/{group}/v1", (string group) => ResourceList(group));
        _app.MapFallback((HttpContext context) =>
            context.Request.Method == HttpMethods.Get && _objects.TryGetValue(context.Request.Path.Value ?? "", out var found)
                ? Json(found)
                : Json(new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = "NotFound", ["code"] = 404 }, 404));
    }

    private static IResult ResourceList(string group) => Json(new JsonObject
    {
        ["kind"] = "APIResourceList",
        ["groupVersion"] = group.Length == 0 ? "v1" : $"{group}/v1",
        ["resources"] = new JsonArray(Kinds.Where(k => k.Group == group).Select(k => (JsonNode)new JsonObject
        {
            ["name"] = k.Resource,
            ["singularName"] = k.Kind.ToLowerInvariant(),
            ["namespaced"] = k.Namespaced,
            ["kind"] = k.Kind,
            ["verbs"] = new JsonArray("get", "list", "watch", "create", "update", "patch", "delete"),
        }).ToArray()),
    });

    private static IResult Json(JsonObject body, int status = 200) =>
        Results.Content(body.ToJsonString(), "application/json", statusCode: status);
}
