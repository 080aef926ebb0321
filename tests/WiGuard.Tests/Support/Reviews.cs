using System.Text.Json;
using System.Text.Json.Nodes;

namespace WiGuard.Tests.Support;

/// <summary>AdmissionReview bodies shaped exactly as the API server sends them.</summary>
public static class Reviews
{
    private static readonly Dictionary<string, (string Group, string Version, string Resource)> Resources = new()
    {
        ["ServiceAccount"] = ("", "v1", "serviceaccounts"),
        ["Pod"] = ("", "v1", "pods"),
        ["ConfigMap"] = ("", "v1", "configmaps"),
        ["ReplicationController"] = ("", "v1", "replicationcontrollers"),
        ["Deployment"] = ("apps", "v1", "deployments"),
        ["StatefulSet"] = ("apps", "v1", "statefulsets"),
        ["DaemonSet"] = ("apps", "v1", "daemonsets"),
        ["ReplicaSet"] = ("apps", "v1", "replicasets"),
        ["Job"] = ("batch", "v1", "jobs"),
        ["CronJob"] = ("batch", "v1", "cronjobs"),
        ["NetworkPolicy"] = ("networking.k8s.io", "v1", "networkpolicies"),
        ["Secret"] = ("", "v1", "secrets"),
        ["Certificate"] = ("cert-manager.io", "v1", "certificates"),
    };

    /// <summary>Wraps an object (JSON text) in an AdmissionReview request.</summary>
    public static string For(string objectJson, string operation = "CREATE", string? oldObjectJson = null,
        string? subResource = null, bool dryRun = false, string uid = "705ab4f5-6393-11e8-b7cc-42010a800002")
    {
        var obj = JsonNode.Parse(objectJson)!.AsObject();
        var kind = obj["kind"]!.GetValue<string>();
        var (group, version, resource) = Resources[kind];
        var meta = obj["metadata"]?.AsObject();
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
            ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource },
            ["requestKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
            ["requestResource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = resource },
            ["name"] = meta?["name"]?.GetValue<string>(),
            ["namespace"] = meta?["namespace"]?.GetValue<string>(),
            ["operation"] = operation,
            ["userInfo"] = new JsonObject
            {
                ["username"] = "alice@example.com",
                ["groups"] = new JsonArray("system:authenticated"),
            },
            ["object"] = operation == "DELETE" ? null : obj,
            ["oldObject"] = oldObjectJson is null ? null : JsonNode.Parse(oldObjectJson),
            ["dryRun"] = dryRun,
            ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = operation == "UPDATE" ? "UpdateOptions" : "CreateOptions" },
        };
        if (subResource is not null) request["subResource"] = subResource;

        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = request,
        }.ToJsonString();
    }

    public static string ServiceAccount(string ns, string name, string? annotationKey = "iam.gke.io/gcp-service-account", string? value = null)
    {
        var annotations = new JsonObject();
        if (annotationKey is not null && value is not null) annotations[annotationKey] = value;
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = "0f9d6a4e-8e0b-4bb8-9d0c-5b0a3d2f1e11",
                ["creationTimestamp"] = null,
                ["annotations"] = annotations,
            },
        }.ToJsonString();
    }

    public static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
