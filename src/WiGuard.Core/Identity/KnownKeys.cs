namespace WiGuard.Core.Identity;

/// <summary>Annotation and label keys with meaning to GKE or WiGuard.</summary>
public static class KnownKeys
{
    public const string GcpServiceAccount = "iam.gke.io/gcp-service-account";
    public const string MetadataServerNodeSelector = "iam.gke.io/gke-metadata-server-enabled";
    public const string ModeLabel = "wiguard.io/mode";
    public const string ExemptAnnotation = "wiguard.io/exempt";
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";
    public const string WorkloadIdentityUserRole = "roles/iam.workloadIdentityUser";
}
