using System.Text.Json;
using System.Text.Json.Serialization;
using WiGuard.Core.Admission;

namespace WiGuard.Core.Kubernetes;

/// <summary>Source-generated serialisation for every wire type Core reads or writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = KubeJson.MaxDepth)]
[JsonSerializable(typeof(AdmissionReview))]
[JsonSerializable(typeof(KubeObject))]
[JsonSerializable(typeof(ServiceAccount))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(Workload))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(NetworkPolicy))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class KubeJsonContext : JsonSerializerContext
{
}

public static class KubeJson
{
    /// <summary>
    /// Real objects nest fewer than 30 levels; a limit stops a hostile body from costing
    /// stack and CPU before it is rejected.
    /// </summary>
    public const int MaxDepth = 64;
}
