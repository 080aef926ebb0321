using System.Text.Json;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Rules;

namespace WiGuard.Core.Tests.Rules.Network;

/// <summary>Reads the JSON objects under testdata/ the way the webhook does and runs one rule over them.</summary>
internal static class NetworkTestData
{
    public static JsonElement Json(string fileOrJson)
    {
        var text = fileOrJson.TrimStart().StartsWith('{')
            ? fileOrJson
            : File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rules", "Network", "testdata", fileOrJson));
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static ReviewedObject Subject(ResourceKind kind, string fileOrJson)
    {
        var value = KubeObjectReader.Read(kind, Json(fileOrJson));
        return new ReviewedObject(kind, value.Metadata?.Namespace ?? "default", value.Metadata?.Name ?? "", value);
    }

    public static NetworkPolicy Policy(string fileOrJson) =>
        (NetworkPolicy)KubeObjectReader.Read(ResourceKind.NetworkPolicy, Json(fileOrJson));

    public static List<Finding> Evaluate(IRule rule, ReviewedObject subject, EvaluationFacts? facts = null) =>
        [.. rule.Evaluate(new RuleContext(subject, facts ?? EvaluationFacts.None))];

    /// <summary>A minimal NetworkPolicy in namespace payments with the given spec JSON.</summary>
    public static string PolicyJson(string name, string spec) =>
        $$"""
        { "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
          "metadata": { "name": "{{name}}", "namespace": "payments" },
          "spec": {{spec}} }
        """;
}
