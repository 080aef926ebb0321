using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WiGuard.Admission;
using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Audit;
using WiGuard.Google;
using WiGuard.Kubernetes;
using WiGuard.Health;
using WiGuard.Metrics;
using WiGuard.Tls;

namespace WiGuard.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything <c>wiguard serve</c> needs: options, facts sources, rules, decision, TLS, metrics.</summary>
    public static IServiceCollection AddWiGuard(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WiGuardOptions>().Bind(configuration.GetSection(WiGuardOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WiGuardOptions>, WiGuardOptionsValidator>();
        services.AddOptions<TlsOptions>().Bind(configuration.GetSection(TlsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>();

        services.AddWiGuardKubernetes(configuration);
        services.TryAddSingleton<INamespaceLookup>(NoNamespaceLookup.Instance);
        services.TryAddSingleton<IServiceAccountLookup>(NoServiceAccountLookup.Instance);
        services.AddSingleton(_ => new Evaluator());
        services.AddSingleton(sp => new DecisionPolicy(Options(sp), configuration["POD_NAMESPACE"]));
        services.AddWiGuardIam(configuration);
        services.AddSingleton(sp => new FactGatherer(
            sp.GetService<IIamFacts>(),
            sp.GetRequiredService<IServiceAccountLookup>(),
            Options(sp),
            sp.GetRequiredService<IOptions<IamOptions>>().Value.OnLookupFailure,
            sp.GetService<INetworkPolicyLookup>(), sp.GetService<IWorkloadIdentityNamespaces>()));
        services.AddSingleton<AdmissionHandler>();
        services.AddSingleton<AdmissionMetrics>();
        services.AddSingleton<PrometheusExporter>();

        services.AddSingleton<CertificateStore>();
        services.AddSingleton<IReadinessCheck, CertificateReadiness>();
        services.AddSingleton<IReadinessCheck, ClusterReadiness>();

        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton<AuditMetrics>();
        services.AddHostedService<BackgroundAudit>();
        return services;
    }

    private static WiGuardOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<WiGuardOptions>>().Value;
}
