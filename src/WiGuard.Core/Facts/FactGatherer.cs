using WiGuard.Core.Configuration;
using WiGuard.Core.Identity;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Core.Facts;

/// <summary>
/// The one place evaluation does I/O: finds which GSAs and projects an object depends on and
/// fetches their IAM facts in parallel, so rules can stay pure and synchronous.
/// </summary>
public sealed class FactGatherer
{
    /// <summary>How old a cached answer that would deny may be before it is looked up again.</summary>
    public static readonly TimeSpan DenyingAnswerMaxAge = TimeSpan.FromSeconds(10);

    private readonly IIamFacts? _iam;
    private readonly IServiceAccountLookup _ksas;
    private readonly WiGuardOptions _options;
    private readonly INetworkPolicyLookup _networkPolicies;
    private readonly IWorkloadIdentityNamespaces _workloadIdentityNamespaces;
    private readonly bool _lookupFailureDenies;

    /// <param name="iam">Null when no IAM source is configured (no snapshot, no workload pool).</param>
    /// <param name="ksas">Where KSAs named by pods are found.</param>
    /// <param name="options">Pool and project number.</param>
    /// <param name="onLookupFailure">What a lookup that failed should do (<c>Iam:OnLookupFailure</c>).</param>
    /// <param name="networkPolicies">The other NetworkPolicies of a namespace; unknown when null.</param>
    /// <param name="workloadIdentityNamespaces">Which namespaces use Workload Identity; unknown when null.</param>
    public FactGatherer(
        IIamFacts? iam,
        IServiceAccountLookup ksas,
        WiGuardOptions options,
        LookupFailureAction onLookupFailure = LookupFailureAction.Allow,
        INetworkPolicyLookup? networkPolicies = null,
        IWorkloadIdentityNamespaces? workloadIdentityNamespaces = null)
    {
        _iam = iam;
        _ksas = ksas;
        _options = options;
        _networkPolicies = networkPolicies ?? NoNetworkPolicyLookup.Instance;
        _workloadIdentityNamespaces = workloadIdentityNamespaces ?? NoWorkloadIdentityNamespaces.Instance;
        _lookupFailureDenies = onLookupFailure == LookupFailureAction.Deny;
    }

    public async Task<EvaluationFacts> GatherAsync(ReviewedObject subject, CancellationToken cancellationToken)
    {
        var gsas = ReferencedGsas(subject).Distinct(StringComparer.Ordinal).ToList();
        var (usesWorkloadIdentity, otherPolicies) = NetworkPolicyFacts(subject);
        // Only ServiceAccounts (their own grants, direct-model grants on the pool's project) and pods whose
        // KSA names a GSA depend on IAM; everything else is judged without a lookup.
        if (_iam is null || (gsas.Count == 0 && subject.ServiceAccount is null))
        {
            return new EvaluationFacts
            {
                WorkloadPool = _options.WorkloadPool,
                PoolProjectNumber = _options.ProjectNumber,
                IamConfigured = _iam is not null,
                LookupFailureDenies = _lookupFailureDenies,
                Ksas = _ksas,
                NamespaceUsesWorkloadIdentity = usesWorkloadIdentity,
                NamespaceNetworkPolicies = otherPolicies,
            };
        }

        var poolProject = WorkloadPool.ProjectOf(_options.WorkloadPool);
        var projects = gsas
            .Select(email => GsaEmail.TryParse(email, out var parsed) ? parsed.ProjectId : null)
            .Append(poolProject)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var gsaTasks = gsas.Select(email => _iam.GetServiceAccountAsync(email, cancellationToken)).ToList();
        var projectTasks = projects.Select(id => _iam.GetProjectAsync(id, cancellationToken)).ToList();
        var gsaFacts = (await Task.WhenAll(gsaTasks)).ToDictionary(g => g.Email, StringComparer.Ordinal);
        var byProject = (await Task.WhenAll(projectTasks)).ToDictionary(p => p.ProjectId, StringComparer.Ordinal);
        var number = _options.ProjectNumber
            ?? (poolProject is not null && byProject.TryGetValue(poolProject, out var pool) ? pool.ProjectNumber : null);

        await RefreshDenyingAnswersAsync(subject, number, gsaFacts, byProject, cancellationToken);

        return new EvaluationFacts
        {
            WorkloadPool = _options.WorkloadPool,
            PoolProjectNumber = number,
            IamConfigured = true,
            LookupFailureDenies = _lookupFailureDenies,
            ServiceAccounts = gsaFacts,
            Projects = byProject,
            Ksas = _ksas,
            NamespaceUsesWorkloadIdentity = usesWorkloadIdentity,
            NamespaceNetworkPolicies = otherPolicies,
        };
    }

    /// <summary>For a NetworkPolicy: whether its namespace uses Workload Identity, and the namespace's other policies (never itself: the cache holds its old version).</summary>
    private (bool? UsesWorkloadIdentity, IReadOnlyList<NetworkPolicy>? Others) NetworkPolicyFacts(ReviewedObject subject)
    {
        if (subject.Kind != ResourceKind.NetworkPolicy) return (null, null);
        var others = _networkPolicies.InNamespace(subject.Namespace)?
            .Where(p => !string.Equals(p.Metadata?.Name, subject.Name, StringComparison.Ordinal))
            .ToList();
        return (_workloadIdentityNamespaces.UsesWorkloadIdentity(subject.Namespace), others);
    }

    /// <summary>
    /// A cached policy without a grant for this KSA would deny; if the cache can, it is read again unless it is
    /// seconds old, so a grant added a minute ago is seen at once.
    /// </summary>
    private async Task RefreshDenyingAnswersAsync(
        ReviewedObject subject, string? number, Dictionary<string, GsaFacts> gsas, Dictionary<string, ProjectFacts> projects, CancellationToken cancellationToken)
    {
        if (_iam is not IFreshIamFacts fresh || _options.WorkloadPool is null) return;
        if (KsaOf(subject) is not { } ksaRef || ReferencedGsas(subject).FirstOrDefault() is not { } email) return;
        if (!gsas.TryGetValue(email, out var gsa) || gsa.Outcome != LookupOutcome.Found || !GsaEmail.TryParse(email, out var parsed)) return;

        var ksa = new KsaIdentity(_options.WorkloadPool, number, subject.Namespace, ksaRef.Name, ksaRef.Uid);
        var project = projects.GetValueOrDefault(parsed.ProjectId);
        if (GrantAnalysis.For(ksa, KnownKeys.WorkloadIdentityUserRole, gsa.Policy, project?.Policy).HasAnyGrant) return;

        var gsaTask = fresh.GetServiceAccountAsync(email, DenyingAnswerMaxAge, cancellationToken);
        var projectTask = fresh.GetProjectAsync(parsed.ProjectId, DenyingAnswerMaxAge, cancellationToken);
        gsas[email] = await gsaTask;
        projects[parsed.ProjectId] = await projectTask;
    }

    /// <summary>The KSA whose grants matter: the ServiceAccount itself, or the one a pod template runs as.</summary>
    private static (string Name, string? Uid)? KsaOf(ReviewedObject subject) =>
        subject.ServiceAccount is not null
            ? (subject.Name, subject.Metadata.Uid)
            : subject.PodTemplate is { } template ? (template.ServiceAccountName, null) : null;

    /// <summary>GSAs whose IAM facts the rules will ask about: the SA's own annotation, or the annotation of the KSA a pod runs as.</summary>
    private IEnumerable<string> ReferencedGsas(ReviewedObject subject)
    {
        if (subject.ServiceAccount is { } sa)
        {
            if (ValidGsa(sa) is { } own) yield return own;
            yield break;
        }

        if (subject.PodTemplate is { } template &&
            _ksas.Find(subject.Namespace, template.ServiceAccountName) is { Status: KsaLookupStatus.Found, ServiceAccount: { } ksa } &&
            ValidGsa(ksa) is { } email)
        {
            yield return email;
        }
    }

    private static string? ValidGsa(ServiceAccount sa) =>
        GsaEmail.TryParse(sa.Metadata?.Annotation(KnownKeys.GcpServiceAccount), out var email) ? email.Value : null;
}
