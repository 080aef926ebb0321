namespace WiGuard.Kubernetes.Connection;

/// <summary>A bearer token for the API server.</summary>
public interface ITokenSource
{
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Called after a 401: forget the cached token. True when asking again may give a different one.</summary>
    bool Invalidate();
}

/// <summary>A token written into the kubeconfig: it never changes.</summary>
public sealed class StaticTokenSource(string token) : ITokenSource
{
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public bool Invalidate() => false;
}
