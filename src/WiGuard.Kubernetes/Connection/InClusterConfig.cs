using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WiGuard.Kubernetes.Connection;

/// <summary>
/// In-cluster access: the API server from KUBERNETES_SERVICE_HOST/PORT, the pod's projected
/// service account token (re-read as the kubelet rotates it) and the cluster CA bundle.
/// </summary>
public sealed class InClusterConfig
{
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    private readonly Func<string, string?> _environment;
    private readonly string _directory;

    public InClusterConfig(Func<string, string?>? environment = null, string directory = DefaultDirectory)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _directory = directory;
    }

    private string TokenPath => Path.Combine(_directory, "token");

    private string CaPath => Path.Combine(_directory, "ca.crt");

    /// <summary>True when running in a pod that has API access mounted.</summary>
    public bool IsAvailable =>
        !string.IsNullOrEmpty(_environment("KUBERNETES_SERVICE_HOST")) &&
        !string.IsNullOrEmpty(_environment("KUBERNETES_SERVICE_PORT")) &&
        File.Exists(TokenPath);

    /// <exception cref="KubernetesConfigException">The service variables or mounted files cannot be used.</exception>
    public ClusterConnection Load(TimeProvider time)
    {
        var host = _environment("KUBERNETES_SERVICE_HOST");
        var port = _environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
            throw new KubernetesConfigException("in-cluster configuration needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT");

        // An IPv6 service address needs brackets in a URL.
        var authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        if (!Uri.TryCreate($"https://{authority}", UriKind.Absolute, out var server))
            throw new KubernetesConfigException($"in-cluster API server address https://{authority} is not a valid URL");

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(CaPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new KubernetesConfigException($"cannot read the cluster CA bundle {CaPath}: {ex.Message}", ex);
        }

        if (authorities.Count == 0) throw new KubernetesConfigException($"the cluster CA bundle {CaPath} holds no PEM certificate");

        return new ClusterConnection
        {
            Server = server,
            Source = $"in-cluster service account ({_directory})",
            CertificateAuthorities = authorities,
            Token = new FileTokenSource(TokenPath, time),
        };
    }
}
