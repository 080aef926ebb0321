using System.Diagnostics.Metrics;
using WiGuard.Check.Report;
using WiGuard.Core.Telemetry;

namespace WiGuard.Audit;

/// <summary>What the last background audit found, as gauges: findings by rule and action, and when it ran.</summary>
public sealed class AuditMetrics
{
    private volatile IReadOnlyList<Measurement<long>> _findings = [];
    private long _lastRunUnixSeconds;

    public AuditMetrics()
    {
        WiGuardMeter.Instance.CreateObservableGauge("wiguard_audit_findings", () => _findings,
            description: "Findings of the last background audit, by rule and action.");
        WiGuardMeter.Instance.CreateObservableGauge("wiguard_audit_last_run_timestamp_seconds",
            () => Interlocked.Read(ref _lastRunUnixSeconds), unit: "s", description: "When the last background audit finished (Unix time).");
    }

    public void Record(CheckReport report, DateTimeOffset finished)
    {
        _findings = [.. report.Entries
            .SelectMany(e => e.Decision.Findings)
            .GroupBy(f => (f.Finding.RuleId, Action: CheckReport.ActionName(f)))
            .Select(g => new Measurement<long>(g.Count(), new("rule", g.Key.RuleId), new("action", g.Key.Action)))];
        Interlocked.Exchange(ref _lastRunUnixSeconds, finished.ToUnixTimeSeconds());
    }
}
