using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WiGuard.Kubernetes.Caching;

/// <summary>Runs the cluster caches for the life of the webhook. Cluster trouble is logged and retried, never thrown.</summary>
public sealed class KubeCacheService(ClusterSetup setup, ILogger<KubeCacheService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting before the first LIST.
        await Task.Yield();

        if (setup.Error is { } error)
        {
            Log.BrokenConfiguration(logger, error);
            return;
        }

        if (setup is not { Connection: { } connection, Caches: { } caches })
        {
            Log.NoCluster(logger);
            return;
        }

        Log.Connecting(logger, connection.Server, connection.Source);
        if (connection.SkipTlsVerify) Log.SkipTlsVerify(logger, connection.Server, connection.Source);
        await caches.RunAsync(stoppingToken);
    }
}
