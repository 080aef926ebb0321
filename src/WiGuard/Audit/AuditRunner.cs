using WiGuard.Check.Report;
using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Kubernetes.Inventory;

namespace WiGuard.Audit;

/// <summary>
/// Evaluates what already runs in the cluster with the admission rules: the same facts, the same
/// decision, one report. Objects a controller made from its template (ReplicaSets of a Deployment,
/// Pods of a Job) are left out: their owner's template carries the same findings.
/// </summary>
public sealed class AuditRunner
{
    private readonly IClusterInventory _inventory;
    private readonly IIamFacts? _iam;
    private readonly Evaluator _evaluator;
    private readonly WiGuardOptions _options;
    private readonly LookupFailureAction _onLookupFailure;

    public AuditRunner(IClusterInventory inventory, IIamFacts? iam, Evaluator evaluator, WiGuardOptions options, LookupFailureAction onLookupFailure)
    {
        _inventory = inventory;
        _iam = iam;
        _evaluator = evaluator;
        _options = options;
        _onLookupFailure = onLookupFailure;
    }

    /// <exception cref="WiGuard.Kubernetes.Api.KubeApiException">The API server failed or refused.</exception>
    /// <exception cref="WiGuard.Kubernetes.Connection.KubernetesConfigException">No usable cluster configuration.</exception>
    public async Task<CheckReport> RunAsync(string? ns, IReadOnlyList<string> notes, CancellationToken cancellationToken)
    {
        var listed = await _inventory.ListAllAsync(ns, cancellationToken);
        var errors = new List<string>();
        var subjects = new List<ReviewedObject>(listed.Count);
        foreach (var item in listed)
        {
            try
            {
                var value = KubeObjectReader.Read(item.Kind, item.Object);
                var meta = value.Metadata ?? new ObjectMeta();
                subjects.Add(new ReviewedObject(item.Kind, meta.Namespace ?? "", meta.Name ?? "(unnamed)", value));
            }
            catch (InvalidObjectException ex)
            {
                errors.Add($"{item.Kind}: {ex.Message}");
            }
        }

        var policy = new DecisionPolicy(_options, rules: _evaluator.Rules);
        var gatherer = new FactGatherer(_iam, new ListedServiceAccounts(subjects), _options, _onLookupFailure,
            networkPolicies: new NetworkPolicyIndex(subjects.Select(s => s.Value).OfType<NetworkPolicy>(), complete: true),
            workloadIdentityNamespaces: new WorkloadIdentityNamespaceIndex(subjects.Select(s => s.Value).OfType<ServiceAccount>(), complete: true));
        var entries = new List<ReportEntry>();
        var skipped = new List<Check.Input.SkippedDocument>();
        foreach (var subject in subjects)
        {
            if (subject.Metadata.HasController || policy.IsExempt(subject)) continue;

            // One at a time: the audit must not crowd out admissions in WiGuard's IAM request budget.
            var facts = await gatherer.GatherAsync(subject, cancellationToken);
            var findings = _evaluator.Evaluate(subject, facts);
            entries.Add(new ReportEntry(null, subject, policy.Decide(subject, findings, previous: null, _options.Mode)));
        }

        return new CheckReport(entries, skipped, notes, errors);
    }
}
