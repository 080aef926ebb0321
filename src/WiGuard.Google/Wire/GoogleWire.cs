using System.Text.Json.Serialization;

namespace WiGuard.Google.Wire;

// Shapes from Google's REST reference (IAM v1 projects.serviceAccounts, Resource Manager v3 projects,
// the shared Policy type and google.rpc.Status errors). Only the fields WiGuard reads; everything else is ignored.

/// <summary>IAM v1 <c>ServiceAccount</c>.</summary>
internal sealed class ServiceAccountDto
{
    public string? Name { get; set; }
    public string? ProjectId { get; set; }
    public string? UniqueId { get; set; }
    public string? Email { get; set; }
    public bool? Disabled { get; set; }
}

/// <summary>Resource Manager v3 <c>Project</c>: the number is only in <c>name</c> (<c>projects/415104041262</c>).</summary>
internal sealed class ProjectDto
{
    public string? Name { get; set; }
    public string? ProjectId { get; set; }
    public string? State { get; set; }
}

/// <summary>The IAM <c>Policy</c> type, exactly as getIamPolicy and <c>gcloud … get-iam-policy --format=json</c> print it.</summary>
internal sealed class PolicyDto
{
    public int? Version { get; set; }
    public string? Etag { get; set; }
    public List<BindingDto?>? Bindings { get; set; }
}

internal sealed class BindingDto
{
    public string? Role { get; set; }
    public List<string?>? Members { get; set; }
    public ConditionDto? Condition { get; set; }
}

internal sealed class ConditionDto
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Expression { get; set; }
}

/// <summary>The body of Resource Manager's <c>getIamPolicy</c> request.</summary>
internal sealed class GetIamPolicyRequestDto
{
    public GetPolicyOptionsDto Options { get; set; } = new();
}

internal sealed class GetPolicyOptionsDto
{
    public int RequestedPolicyVersion { get; set; } = 3;
}

/// <summary><c>{"error":{"code":404,"message":"…","status":"NOT_FOUND"}}</c>.</summary>
internal sealed class GoogleErrorEnvelopeDto
{
    public GoogleErrorDto? Error { get; set; }
}

internal sealed class GoogleErrorDto
{
    public int? Code { get; set; }
    public string? Message { get; set; }
    public string? Status { get; set; }
}

/// <summary>The IAM snapshot file (DESIGN.md): projects and GSAs, each policy exactly Google's JSON.</summary>
internal sealed class SnapshotDto
{
    public Dictionary<string, SnapshotProjectDto?>? Projects { get; set; }
    public Dictionary<string, SnapshotServiceAccountDto?>? ServiceAccounts { get; set; }
}

internal sealed class SnapshotProjectDto
{
    public string? ProjectNumber { get; set; }
    public PolicyDto? IamPolicy { get; set; }
}

internal sealed class SnapshotServiceAccountDto
{
    public bool? Disabled { get; set; }
    public PolicyDto? IamPolicy { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ServiceAccountDto))]
[JsonSerializable(typeof(ProjectDto))]
[JsonSerializable(typeof(PolicyDto))]
[JsonSerializable(typeof(GetIamPolicyRequestDto))]
[JsonSerializable(typeof(GoogleErrorEnvelopeDto))]
[JsonSerializable(typeof(SnapshotDto))]
internal sealed partial class GoogleJsonContext : JsonSerializerContext;
