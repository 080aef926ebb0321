using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WiGuard.Core.Configuration;
using WiGuard.Core.Facts;
using WiGuard.Google.Auth;
using WiGuard.Google.Caching;
using WiGuard.Google.Configuration;
using WiGuard.Google.Live;
using WiGuard.Google.Snapshot;
using WiGuard.Google.Telemetry;

namespace WiGuard.Google;

/// <summary>Which IAM source <see cref="IamServiceCollectionExtensions.AddWiGuardIam"/> chose, for the start-up log.</summary>
public sealed record IamSource(string Kind, string Description)
{
    public void Log(ILogger logger) => Telemetry.Log.IamSource(logger, Description);
}

public static class IamServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IIamFacts"/>: the snapshot file when <c>WiGuard:Iam:SnapshotPath</c> is set; live IAM
    /// behind the cache when <c>WiGuard:WorkloadPool</c> is set; nothing otherwise (binding rules are then skipped).
    /// <see cref="IamOptions"/> are validated at start-up.
    /// </summary>
    public static IServiceCollection AddWiGuardIam(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IamOptions>().Bind(configuration.GetSection(IamOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IamOptions>, IamOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new IamMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));

        var snapshot = configuration[$"{IamOptions.Section}:{nameof(IamOptions.SnapshotPath)}"];
        var pool = configuration[$"{WiGuardOptions.Section}:{nameof(WiGuardOptions.WorkloadPool)}"];
        if (!string.IsNullOrWhiteSpace(snapshot))
        {
            services.AddSingleton(new IamSource("snapshot", $"IAM snapshot {snapshot}"));
            services.AddSingleton<IIamFacts>(_ => SnapshotIamFacts.Load(snapshot));
            return services;
        }

        if (string.IsNullOrWhiteSpace(pool))
        {
            services.AddSingleton(new IamSource("none",
                "no WiGuard:WorkloadPool and no WiGuard:Iam:SnapshotPath: IAM is not consulted and the binding rules (WI003–WI005, WI007) are skipped"));
            return services;
        }

        services.AddSingleton(new IamSource("live", $"live IAM for pool {pool}, cached"));
        services.AddHttpClient(GoogleRestClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IAccessTokenSource>(sp =>
            sp.GetRequiredService<IOptions<IamOptions>>().Value.Credentials == IamCredentials.None ? NoAccessToken.Instance : new ApplicationDefaultAccessToken());
        services.AddSingleton<IIamFacts>(sp => CreateLive(sp));
        return services;
    }

    private static CachedIamFacts CreateLive(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<IamOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var metrics = services.GetRequiredService<IamMetrics>();
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var logger = loggers.CreateLogger("WiGuard.Google");
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(GoogleRestClient.HttpClientName);
        var client = new GoogleRestClient(http, services.GetRequiredService<IAccessTokenSource>(), new RequestPacer(time), time, options, metrics, logger);
        return new CachedIamFacts(new LiveIamFacts(client, options, logger), options, time, metrics, logger);
    }
}
