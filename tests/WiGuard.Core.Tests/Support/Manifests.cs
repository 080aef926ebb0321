using System.Text.Json;
using System.Text.Json.Nodes;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Tests.Support;

/// <summary>Reads Kubernetes JSON into a ReviewedObject the way the webhook does, and loads the realistic manifests under testdata/.</summary>
internal static class Manifests
{
    public static readonly string[] WorkloadKinds =
        ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"];

    public static ReviewedObject Review(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var apiVersion = root.GetProperty("apiVersion").GetString();
        var kindName = root.GetProperty("kind").GetString();
        Assert.True(ResourceKinds.TryResolveApiVersion(apiVersion, kindName, out var kind), $"unknown kind {apiVersion}/{kindName}");

        var value = KubeObjectReader.Read(kind, root);
        var metadata = value.Metadata;
        return new ReviewedObject(kind, metadata?.Namespace ?? "default", metadata?.Name ?? metadata?.GenerateName ?? "", value);
    }

    public static ReviewedObject Review(JsonNode node) => Review(node.ToJsonString());

    /// <summary>One of testdata/manifests/KIND.json, all in namespace "payments", app "billing".</summary>
    public static JsonObject Load(string kind) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "manifests", kind + ".json")))!.AsObject();

    /// <summary>The pod spec inside a manifest, wherever the kind keeps it.</summary>
    public static JsonObject PodSpec(JsonObject manifest) => (string?)manifest["kind"] switch
    {
        "Pod" => manifest["spec"]!.AsObject(),
        "CronJob" => manifest["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!.AsObject(),
        _ => manifest["spec"]!["template"]!["spec"]!.AsObject(),
    };

    /// <summary>The first container of a manifest's pod spec.</summary>
    public static JsonObject FirstContainer(JsonObject manifest) => PodSpec(manifest)["containers"]![0]!.AsObject();

    /// <summary>A ServiceAccount as <c>kubectl get sa -o json</c> shows it, with the given annotations.</summary>
    public static string ServiceAccountJson(string name, string ns, params (string Key, string Value)[] annotations)
    {
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["uid"] = "0f6e3c1a-6d2b-4b55-9a3e-4c1d2f9b7e10",
            ["resourceVersion"] = "48213",
            ["creationTimestamp"] = "2026-11-02T09:14:03Z",
            ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "payments" },
        };
        if (annotations.Length > 0)
        {
            var map = new JsonObject();
            foreach (var (key, value) in annotations) map[key] = value;
            metadata["annotations"] = map;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ServiceAccount", ["metadata"] = metadata }.ToJsonString();
    }

    public static ReviewedObject ServiceAccount(string name, string ns, params (string Key, string Value)[] annotations) =>
        Review(ServiceAccountJson(name, ns, annotations));
}
