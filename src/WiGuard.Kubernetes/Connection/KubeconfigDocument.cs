using YamlDotNet.Serialization;

namespace WiGuard.Kubernetes.Connection;

// The parts of a kubeconfig (clientcmd v1) WiGuard reads; other keys are ignored.
internal sealed class KubeconfigDocument
{
    [YamlMember(Alias = "current-context", ApplyNamingConventions = false)]
    public string? CurrentContext { get; set; }

    public List<NamedCluster>? Clusters { get; set; }

    public List<NamedContext>? Contexts { get; set; }

    public List<NamedUser>? Users { get; set; }
}

internal sealed class NamedCluster
{
    public string? Name { get; set; }

    public KubeconfigCluster? Cluster { get; set; }
}

internal sealed class KubeconfigCluster
{
    public string? Server { get; set; }

    [YamlMember(Alias = "certificate-authority", ApplyNamingConventions = false)]
    public string? CertificateAuthority { get; set; }

    [YamlMember(Alias = "certificate-authority-data", ApplyNamingConventions = false)]
    public string? CertificateAuthorityData { get; set; }

    [YamlMember(Alias = "insecure-skip-tls-verify", ApplyNamingConventions = false)]
    public bool InsecureSkipTlsVerify { get; set; }
}

internal sealed class NamedContext
{
    public string? Name { get; set; }

    public KubeconfigContext? Context { get; set; }
}

internal sealed class KubeconfigContext
{
    public string? Cluster { get; set; }

    public string? User { get; set; }
}

internal sealed class NamedUser
{
    public string? Name { get; set; }

    public KubeconfigUser? User { get; set; }
}

internal sealed class KubeconfigUser
{
    public string? Token { get; set; }

    public string? TokenFile { get; set; }

    [YamlMember(Alias = "client-certificate", ApplyNamingConventions = false)]
    public string? ClientCertificate { get; set; }

    [YamlMember(Alias = "client-certificate-data", ApplyNamingConventions = false)]
    public string? ClientCertificateData { get; set; }

    [YamlMember(Alias = "client-key", ApplyNamingConventions = false)]
    public string? ClientKey { get; set; }

    [YamlMember(Alias = "client-key-data", ApplyNamingConventions = false)]
    public string? ClientKeyData { get; set; }

    public string? Username { get; set; }

    public KubeconfigExec? Exec { get; set; }

    [YamlMember(Alias = "auth-provider", ApplyNamingConventions = false)]
    public KubeconfigAuthProvider? AuthProvider { get; set; }
}

internal sealed class KubeconfigExec
{
    public string? Command { get; set; }
}

internal sealed class KubeconfigAuthProvider
{
    public string? Name { get; set; }
}
