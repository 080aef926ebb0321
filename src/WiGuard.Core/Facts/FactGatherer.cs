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
    private readonly IIamFacts? _iam;
    private readonly IServiceAccountLookup _ksas;
    private readonly WiGuardOptions _options;

    /// <param name="iam">Null when no IAM source is configured (no snapshot, no workload pool).</param>
    /// <param name="ksas">Where KSAs named by pods are found.</param>
    /// <param name="options">Pool and project number.</param>
    public FactGatherer(IIamFacts? iam, IServiceAccountLookup ksas, WiGuardOptions options)
    {
        _iam = iam;
        _ksas = ksas;
        _options = options;
    }

    public async Task<EvaluationFacts> GatherAsync(ReviewedObject subject, CancellationToken cancellationToken)
    {
        var gsas = ReferencedGsas(subject).Distinct(StringComparer.Ordinal).ToList();
        if (_iam is null)
            return new EvaluationFacts { WorkloadPool = _options.WorkloadPool, PoolProjectNumber = _options.ProjectNumber, Ksas = _ksas };

        var poolProject = WorkloadPool.ProjectOf(_options.WorkloadPool);
        var projects = gsas
            .Select(email => GsaEmail.TryParse(email, out var parsed) ? parsed.ProjectId : null)
            .Append(poolProject)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var gsaTasks = gsas.Select(email => _iam.GetServiceAccountAsync(email, cancellationToken)).ToList();
        var projectTasks = projects.Select(id => _iam.GetProjectAsync(id, cancellationToken)).ToList();
        var gsaFacts = await Task.WhenAll(gsaTasks);
        var projectFacts = await Task.WhenAll(projectTasks);

        var byProject = projectFacts.ToDictionary(p => p.ProjectId, StringComparer.Ordinal);
        var number = _options.ProjectNumber
            ?? (poolProject is not null && byProject.TryGetValue(poolProject, out var pool) ? pool.ProjectNumber : null);

        return new EvaluationFacts
        {
            WorkloadPool = _options.WorkloadPool,
            PoolProjectNumber = number,
            IamConfigured = true,
            ServiceAccounts = gsaFacts.ToDictionary(g => g.Email, StringComparer.Ordinal),
            Projects = byProject,
            Ksas = _ksas,
        };
    }

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
