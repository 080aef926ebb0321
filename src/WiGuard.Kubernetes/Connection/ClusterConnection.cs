using System.Security.Cryptography.X509Certificates;

namespace WiGuard.Kubernetes.Connection;

/// <summary>Where the API server is and how to trust and authenticate to it.</summary>
public sealed class ClusterConnection
{
    public required Uri Server { get; init; }

    /// <summary>Where these settings came from, for log lines and errors ("kubeconfig /x, context c").</summary>
    public required string Source { get; init; }

    /// <summary>The only CAs the server certificate may chain to; null trusts the system store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>insecure-skip-tls-verify from a kubeconfig: honoured, but warned about at start-up.</summary>
    public bool SkipTlsVerify { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Bearer token, if any.</summary>
    public ITokenSource? Token { get; init; }
}
