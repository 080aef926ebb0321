namespace WiGuard.Kubernetes.Connection;

/// <summary>The cluster access configuration (kubeconfig or in-cluster files) cannot be used; the message says why.</summary>
public sealed class KubernetesConfigException : Exception
{
    public KubernetesConfigException(string message) : base(message) { }

    public KubernetesConfigException() { }

    public KubernetesConfigException(string message, Exception innerException) : base(message, innerException) { }
}
