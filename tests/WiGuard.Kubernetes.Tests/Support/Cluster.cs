using Microsoft.Extensions.Logging.Abstractions;
using WiGuard.Kubernetes.Api;
using WiGuard.Kubernetes.Connection;
using WiGuard.TestSupport.FakeKubernetes;

namespace WiGuard.Kubernetes.Tests.Support;

/// <summary>A fake API server, a kubeconfig written for it, and a client loaded from that file.</summary>
internal sealed class Cluster : IAsyncDisposable
{
    public const string Token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZha2UifQ.wiguard-reader";

    private Cluster(FakeKubernetesServer server, string directory, string kubeconfigPath, KubernetesOptions options, KubeApiClient api)
    {
        Server = server;
        Directory = directory;
        KubeconfigPath = kubeconfigPath;
        Options = options;
        Api = api;
    }

    public FakeKubernetesServer Server { get; }

    public string Directory { get; }

    public string KubeconfigPath { get; }

    public KubernetesOptions Options { get; }

    public KubeApiClient Api { get; }

    /// <summary>Short back-off so recovery tests run in milliseconds.</summary>
    public static KubernetesOptions FastOptions(int initialBackoffMs = 10) => new()
    {
        ListPageSize = 2,
        InitialBackoff = TimeSpan.FromMilliseconds(initialBackoffMs),
        MaxBackoff = TimeSpan.FromMilliseconds(initialBackoffMs * 4),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<Cluster> StartAsync(KubernetesOptions? options = null)
    {
        var server = await FakeKubernetesServer.StartAsync();
        server.AllowToken(Token);
        var directory = Path.Combine(Path.GetTempPath(), "wiguard-k8s-" + Guid.NewGuid().ToString("N"));
        var path = Kubeconfig.Write(directory, server.BaseUri, server.Pki.AuthorityPem, token: Token);
        options ??= FastOptions();
        var api = new KubeApiClient(KubeconfigLoader.Load(path, TimeProvider.System), options);
        return new Cluster(server, directory, path, options, api);
    }

    public KubeCacheFactory Caches => new(Api, Options);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

internal sealed record KubeCacheFactory(IKubeApi Api, KubernetesOptions Options)
{
    public WiGuard.Kubernetes.Caching.ClusterCaches Cluster() => new(Api, Options, TimeProvider.System, NullLoggerFactory.Instance);
}
