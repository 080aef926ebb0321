namespace WiGuard.Kubernetes.Api;

internal static class KubeUrls
{
    /// <summary>
    /// The server URL as a base that keeps its path: proxies such as Rancher serve the API under
    /// <c>https://host/k8s/clusters/ID</c>, and a plain <c>new Uri(server, "/api/v1/…")</c> would drop that prefix.
    /// </summary>
    public static Uri Root(Uri server) =>
        server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");

    public static Uri Resolve(Uri server, string path) => new(Root(server), path.TrimStart('/'));
}
