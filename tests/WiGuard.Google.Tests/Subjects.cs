using System.Text.Json;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Google.Tests;

internal static class Subjects
{
    public static ReviewedObject ServiceAccount(string ns, string name, string? gsa)
    {
        var annotations = gsa is null ? "" : $$""", "annotations": { "iam.gke.io/gcp-service-account": "{{gsa}}" }""";
        using var doc = JsonDocument.Parse($$"""
            { "apiVersion": "v1", "kind": "ServiceAccount", "metadata": { "name": "{{name}}", "namespace": "{{ns}}"{{annotations}} } }
            """);
        return new ReviewedObject(ResourceKind.ServiceAccount, ns, name, KubeObjectReader.Read(ResourceKind.ServiceAccount, doc.RootElement));
    }
}
