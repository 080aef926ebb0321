using Microsoft.Extensions.Options;
using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Kubernetes;
using WiGuard.Kubernetes.Api;
using WiGuard.Kubernetes.Connection;
using WiGuard.Kubernetes.Inventory;

namespace WiGuard.Audit;

/// <summary>
/// Runs <c>wiguard audit</c> inside the webhook at <c>WiGuard:Audit:Interval</c>: one log line per
/// finding and gauges for /metrics, so what already runs wrong shows up without anyone asking.
/// </summary>
public sealed partial class BackgroundAudit : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly AuditOptions _options;
    private readonly AuditMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<BackgroundAudit> _logger;

    public BackgroundAudit(IServiceProvider services, IOptions<AuditOptions> options, AuditMetrics metrics, TimeProvider time, ILogger<BackgroundAudit> logger)
    {
        _services = services;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var status = _services.GetRequiredService<IClusterStatus>();
        if (!status.Configured || _options.Interval <= TimeSpan.Zero) return;

        var runner = new AuditRunner(
            _services.GetRequiredService<IClusterInventory>(),
            _services.GetService<IIamFacts>(),
            _services.GetRequiredService<Evaluator>(),
            _services.GetRequiredService<IOptions<WiGuardOptions>>().Value,
            _services.GetRequiredService<IOptions<IamOptions>>().Value.OnLookupFailure);

        using var timer = new PeriodicTimer(_options.Interval, _time);
        do
        {
            await RunOnceAsync(runner, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunOnceAsync(AuditRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            var report = await runner.RunAsync(null, [], cancellationToken);
            foreach (var entry in report.Entries)
                foreach (var judged in entry.Decision.Findings)
                    LogFinding(_logger, judged.Finding.RuleId, entry.Subject.Display, judged.Finding.Message, Check.Report.CheckReport.ActionName(judged));
            _metrics.Record(report, _time.GetUtcNow());
            LogDone(_logger, report.Entries.Count, report.DenyCount, report.WarnCount);
        }
        catch (Exception ex) when (ex is KubeApiException or KubernetesConfigException or HttpRequestException)
        {
            LogFailed(_logger, ex.Message);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Audit finding {RuleId} on {Object}: {Message} ({Action})")]
    private static partial void LogFinding(ILogger logger, string ruleId, string @object, string message, string action);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Audit done: {Objects} objects, {Deny} deny-level and {Warn} warn-level findings")]
    private static partial void LogDone(ILogger logger, int objects, int deny, int warn);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Audit could not list the cluster: {Problem}")]
    private static partial void LogFailed(ILogger logger, string problem);
}
