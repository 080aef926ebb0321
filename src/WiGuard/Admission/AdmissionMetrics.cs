using System.Diagnostics.Metrics;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Telemetry;

namespace WiGuard.Admission;

/// <summary>Admission counters and latency, exported at /metrics.</summary>
public sealed class AdmissionMetrics
{
    private readonly Counter<long> _admissions = WiGuardMeter.Instance.CreateCounter<long>(
        "wiguard_admissions_total", description: "Admission requests evaluated, by kind, operation and decision.");

    private readonly Counter<long> _findings = WiGuardMeter.Instance.CreateCounter<long>(
        "wiguard_findings_total", description: "Findings reported in admissions, by rule and action.");

    private readonly Histogram<double> _duration = WiGuardMeter.Instance.CreateHistogram<double>(
        "wiguard_admission_duration_seconds", unit: "s", description: "Time to evaluate one admission request.");

    public void Record(string kind, string operation, Decision decision, TimeSpan elapsed)
    {
        _admissions.Add(1, new("kind", kind), new("operation", operation), new("decision", decision.Outcome));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
        foreach (var judged in decision.Findings)
            _findings.Add(1, new("rule", judged.Finding.RuleId), new("action", judged.Action.ToString().ToLowerInvariant()));
    }
}
