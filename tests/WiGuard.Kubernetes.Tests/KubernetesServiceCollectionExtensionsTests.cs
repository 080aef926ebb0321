using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WiGuard.Core.Facts;
using WiGuard.Kubernetes.Api;
using WiGuard.Kubernetes.Connection;
using WiGuard.Kubernetes.Inventory;
using WiGuard.Kubernetes.Tests.Support;
using WiGuard.TestSupport.FakeKubernetes;

namespace WiGuard.Kubernetes.Tests;

public sealed class KubernetesServiceCollectionExtensionsTests : IDisposable
{
    private readonly ListLoggerProvider _logs = new();

    [Fact]
    public async Task AddWiGuardKubernetes_Kubeconfig_ReadyOnceCachesSyncAndLookupsUseThem()
    {
        await using var cluster = await Cluster.StartAsync();
        cluster.Server.Apply(FakeResource.ServiceAccounts, Samples.ServiceAccount("apps", "web"));
        cluster.Server.Apply(FakeResource.Namespaces, Samples.Namespace("apps", mode: "warn"));
        await using var provider = Build(new() { ["WiGuard:Kubernetes:Kubeconfig"] = cluster.KubeconfigPath });
        var status = provider.GetRequiredService<IClusterStatus>();
        Assert.False(status.Ready);

        await using var host = await HostedAsync(provider);

        await Eventually.TrueAsync(() => status.Ready, "the caches to sync");
        Assert.True(status.Configured);
        Assert.Equal(KsaLookupStatus.Found, provider.GetRequiredService<IServiceAccountLookup>().Find("apps", "web").Status);
        Assert.Equal("warn", provider.GetRequiredService<INamespaceLookup>().Find("apps")!.Metadata!.Label("wiguard.io/mode"));
        Assert.NotNull(provider.GetService<IKubeApi>());
        await Eventually.TrueAsync(() => provider.GetRequiredService<INetworkPolicyLookup>().InNamespace("apps") is { Count: 0 }, "network policies synced");
        Assert.False(provider.GetRequiredService<IWorkloadIdentityNamespaces>().UsesWorkloadIdentity("apps"));
        Assert.Contains(_logs.Lines, l => l == $"Information: Kubernetes API {cluster.Server.BaseUri} via kubeconfig {cluster.KubeconfigPath}, context fake");
    }

    [Fact]
    public async Task AddWiGuardKubernetes_NoCluster_UsesCoreNoLookupsAndIsReady()
    {
        await using var provider = Build([], new InClusterConfig(_ => null));

        await using var host = await HostedAsync(provider);

        Assert.Same(NoServiceAccountLookup.Instance, provider.GetRequiredService<IServiceAccountLookup>());
        Assert.Same(NoNamespaceLookup.Instance, provider.GetRequiredService<INamespaceLookup>());
        Assert.Same(NoNetworkPolicyLookup.Instance, provider.GetRequiredService<INetworkPolicyLookup>());
        Assert.Same(NoWorkloadIdentityNamespaces.Instance, provider.GetRequiredService<IWorkloadIdentityNamespaces>());
        var status = provider.GetRequiredService<IClusterStatus>();
        Assert.False(status.Configured);
        Assert.True(status.Ready);
        Assert.Null(provider.GetService<IKubeApi>());
        var error = await Assert.ThrowsAsync<KubernetesConfigException>(() =>
            provider.GetRequiredService<IClusterInventory>().ListAllAsync(null, CancellationToken.None));
        Assert.Equal(KubernetesServiceCollectionExtensions.NoClusterMessage, error.Message);
        await Eventually.TrueAsync(() => _logs.Lines.Any(l => l.StartsWith("Information: No Kubernetes cluster configured", StringComparison.Ordinal)), "the start-up line");
    }

    [Fact]
    public async Task AddWiGuardKubernetes_BrokenKubeconfig_ReportsInStatusAndLogWithoutThrowing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wiguard-di-" + Guid.NewGuid().ToString("N"));
        var path = Kubeconfig.WriteText(directory, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: gke
              cluster: {server: "https://34.77.1.2"}
            users:
            - name: gke
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: gke-gcloud-auth-plugin}
            contexts:
            - name: gke
              context: {cluster: gke, user: gke}
            current-context: gke
            """);
        var expected = $"kubeconfig {path} user \"gke\" uses an exec credential plugin (gke-gcloud-auth-plugin), which WiGuard does not support; use a token, tokenFile or client certificate";
        await using var provider = Build(new() { ["WiGuard:Kubernetes:Kubeconfig"] = path });

        await using var host = await HostedAsync(provider);

        var status = provider.GetRequiredService<IClusterStatus>();
        Assert.True(status.Configured);
        Assert.False(status.Ready);
        Assert.Equal(expected, status.Problem);
        Assert.Same(NoServiceAccountLookup.Instance, provider.GetRequiredService<IServiceAccountLookup>());
        Assert.Equal(expected, Assert.Throws<KubernetesConfigException>(() => provider.GetRequiredService<IKubeApi>()).Message);
        await Eventually.TrueAsync(() => _logs.Lines.Contains($"Error: Kubernetes configuration cannot be used: {expected}"), "the start-up error line");
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task AddWiGuardKubernetes_ApiServerUnreachable_NotReadyWithProblemAndKeepsRetrying()
    {
        await using var cluster = await Cluster.StartAsync();
        var path = cluster.KubeconfigPath;
        await cluster.Server.DisposeAsync();
        await using var provider = Build(new() { ["WiGuard:Kubernetes:Kubeconfig"] = path });

        await using var host = await HostedAsync(provider);

        var status = provider.GetRequiredService<IClusterStatus>();
        await Eventually.TrueAsync(() => status.Problem?.Contains("cannot reach", StringComparison.Ordinal) == true, "the problem to be reported");
        Assert.False(status.Ready);
        Assert.StartsWith($"serviceaccounts not synced: cannot reach {cluster.Server.BaseUri}api/v1/serviceaccounts: ", status.Problem, StringComparison.Ordinal);
        Assert.Equal(KsaLookupStatus.Unknown, provider.GetRequiredService<IServiceAccountLookup>().Find("apps", "web").Status);
        await Eventually.TrueAsync(() => _logs.Lines.Count(l => l.StartsWith("Warning: Kubernetes cache serviceaccounts: cannot reach", StringComparison.Ordinal)) >= 2, "retries");
    }

    [Fact]
    public async Task AddWiGuardKubernetes_InCluster_ListsWithTheMountedServiceAccount()
    {
        await using var cluster = await Cluster.StartAsync();
        var mount = Path.Combine(cluster.Directory, "sa");
        Directory.CreateDirectory(mount);
        File.WriteAllText(Path.Combine(mount, "token"), "pod-token");
        File.WriteAllText(Path.Combine(mount, "ca.crt"), cluster.Server.Pki.AuthorityPem);
        cluster.Server.AllowToken("pod-token");
        var inCluster = new InClusterConfig(
            name => name switch
            {
                "KUBERNETES_SERVICE_HOST" => "127.0.0.1",
                "KUBERNETES_SERVICE_PORT" => cluster.Server.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            },
            mount);
        await using var provider = Build([], inCluster);

        await using var host = await HostedAsync(provider);

        await Eventually.TrueAsync(() => provider.GetRequiredService<IClusterStatus>().Ready, "the caches to sync");
        Assert.NotNull(provider.GetService<IKubeApi>());
        Assert.All(cluster.Server.Requests, r => Assert.Equal("pod-token", r.BearerToken));
    }

    [Fact]
    public void AddWiGuardKubernetes_InvalidNumbers_FailNamingEveryKey()
    {
        using var provider = Build(new()
        {
            ["WiGuard:Kubernetes:ListPageSize"] = "0",
            ["WiGuard:Kubernetes:WatchTimeout"] = "00:00:00",
        }, new InClusterConfig(_ => null));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KubernetesOptions>>().Value);

        Assert.Contains("WiGuard:Kubernetes:ListPageSize must be a positive number (was 0)", error.Failures);
        Assert.Contains("WiGuard:Kubernetes:WatchTimeout must be longer than zero (was 00:00:00)", error.Failures);
    }

    public void Dispose() => _logs.Dispose();

    private ServiceProvider Build(Dictionary<string, string?> settings, InClusterConfig? inCluster = null)
    {
        settings.TryAdd("WiGuard:Kubernetes:InitialBackoff", "00:00:00.020");
        settings.TryAdd("WiGuard:Kubernetes:MaxBackoff", "00:00:00.050");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        if (inCluster is not null) services.AddSingleton(inCluster);
        services.AddWiGuardKubernetes(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<HostedServices> HostedAsync(IServiceProvider provider)
    {
        var services = provider.GetServices<IHostedService>().ToList();
        foreach (var service in services) await service.StartAsync(CancellationToken.None);
        return new HostedServices(services);
    }

    private sealed record HostedServices(List<IHostedService> Services) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var service in Services) await service.StopAsync(CancellationToken.None);
        }
    }
}
