using System.Text.Json;

namespace WiGuard.Core.Admission;

/// <summary>admission.k8s.io/v1 AdmissionReview, as the API server sends and expects it.</summary>
public sealed class AdmissionReview
{
    public const string ApiVersionV1 = "admission.k8s.io/v1";
    public const string KindName = "AdmissionReview";

    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public AdmissionRequest? Request { get; set; }
    public AdmissionResponse? Response { get; set; }
}

public sealed class AdmissionRequest
{
    public string? Uid { get; set; }
    public GroupVersionKind? Kind { get; set; }
    public GroupVersionResource? Resource { get; set; }
    public string? SubResource { get; set; }
    public GroupVersionKind? RequestKind { get; set; }
    public GroupVersionResource? RequestResource { get; set; }
    public string? RequestSubResource { get; set; }
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public string? Operation { get; set; }
    public UserInfo? UserInfo { get; set; }
    public JsonElement? Object { get; set; }
    public JsonElement? OldObject { get; set; }
    public bool? DryRun { get; set; }
}

public sealed class GroupVersionKind
{
    public string? Group { get; set; }
    public string? Version { get; set; }
    public string? Kind { get; set; }
}

public sealed class GroupVersionResource
{
    public string? Group { get; set; }
    public string? Version { get; set; }
    public string? Resource { get; set; }
}

public sealed class UserInfo
{
    public string? Username { get; set; }
    public string? Uid { get; set; }
    public List<string>? Groups { get; set; }
}

public sealed class AdmissionResponse
{
    public string Uid { get; set; } = "";
    public bool Allowed { get; set; }
    public AdmissionStatus? Status { get; set; }
    public List<string>? Warnings { get; set; }
}

public sealed class AdmissionStatus
{
    public int Code { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
}
