using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WiGuard.Core.Facts;
using WiGuard.Kubernetes.Api;
using WiGuard.Kubernetes.Caching;
using WiGuard.Kubernetes.Connection;
using WiGuard.Kubernetes.Inventory;

namespace WiGuard.Kubernetes;

public static class KubernetesServiceCollectionExtensions
{
    public const string NoClusterMessage =
        "no Kubernetes cluster is configured: set WiGuard:Kubernetes:Kubeconfig or run in a pod with a service account";

    /// <summary>
    /// Cluster access for the webhook and the audit: the API client (when a cluster is configured),
    /// the ServiceAccount/Namespace/NetworkPolicy caches run by a background service, Core's lookups
    /// over them (IServiceAccountLookup, INamespaceLookup, INetworkPolicyLookup,
    /// IWorkloadIdentityNamespaces; Core's No* versions without a cluster), <see cref="IClusterStatus"/> for /readyz and
    /// <see cref="IClusterInventory"/>. A broken configuration is reported, not thrown.
    /// </summary>
    public static IServiceCollection AddWiGuardKubernetes(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(KubernetesOptions.Section);
        services.AddOptions<KubernetesOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesOptions>, ValidateKubernetesOptions>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new InClusterConfig());

        services.AddSingleton(sp => ClusterSetup.Create(
            sp.GetRequiredService<IOptions<KubernetesOptions>>().Value,
            sp.GetRequiredService<InClusterConfig>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));

        services.AddSingleton<IServiceAccountLookup>(sp => (IServiceAccountLookup?)Setup(sp).Caches ?? NoServiceAccountLookup.Instance);
        services.AddSingleton<INamespaceLookup>(sp => (INamespaceLookup?)Setup(sp).Caches ?? NoNamespaceLookup.Instance);
        services.AddSingleton<INetworkPolicyLookup>(sp => (INetworkPolicyLookup?)Setup(sp).Caches ?? NoNetworkPolicyLookup.Instance);
        services.AddSingleton<IWorkloadIdentityNamespaces>(sp =>
            (IWorkloadIdentityNamespaces?)Setup(sp).Caches ?? NoWorkloadIdentityNamespaces.Instance);
        services.AddSingleton<IClusterStatus>(sp => Setup(sp) switch
        {
            { Caches: { } caches } => caches,
            { Error: { } error } => new FixedClusterStatus(true, false, error),
            _ => FixedClusterStatus.NoCluster,
        });
        services.AddSingleton<IClusterInventory>(sp => Setup(sp) switch
        {
            { Api: { } api } => new ClusterInventory(api, sp.GetRequiredService<IOptions<KubernetesOptions>>().Value),
            { Error: { } error } => new UnavailableClusterInventory(error),
            _ => new UnavailableClusterInventory(NoClusterMessage),
        });

        if (ClusterConfigured(services, section))
        {
            services.AddSingleton<IKubeApi>(sp =>
                Setup(sp).Api ?? throw new KubernetesConfigException(Setup(sp).Error ?? NoClusterMessage));
        }

        services.AddHostedService<KubeCacheService>();
        return services;
    }

    private static ClusterSetup Setup(IServiceProvider services) => services.GetRequiredService<ClusterSetup>();

    private static bool ClusterConfigured(IServiceCollection services, IConfigurationSection section)
    {
        if (!string.IsNullOrWhiteSpace(section[nameof(KubernetesOptions.Kubeconfig)])) return true;
        var inCluster = services.LastOrDefault(d => d.ServiceType == typeof(InClusterConfig))?.ImplementationInstance as InClusterConfig;
        return (inCluster ?? new InClusterConfig()).IsAvailable;
    }
}
