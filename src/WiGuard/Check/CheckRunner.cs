using WiGuard.Check.Input;
using WiGuard.Check.Report;
using WiGuard.Core.Configuration;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;

namespace WiGuard.Check;

/// <summary>
/// Reads every input, then judges each object with the same evaluator, fact gatherer and decision
/// policy as the webhook, with the input's own ServiceAccounts as the KSA source.
/// </summary>
public sealed class CheckRunner
{
    public const string IamNotRequestedNote = "IAM rules not checked: pass --iam-snapshot FILE or --live";
    public const string IamUnavailableNote = "IAM rules not checked: --live needs the cluster's pool (--workload-pool or WiGuard:WorkloadPool)";
    public const string NoWorkloadPoolNote = "IAM binding rules skipped: pass --workload-pool PROJECT_ID.svc.id.goog (the cluster's pool)";
    public const string EmptyInputNote = "No Kubernetes objects found in the input.";

    private readonly Evaluator _evaluator;
    private readonly WiGuardOptions _options;
    private readonly LookupFailureAction _onLookupFailure;

    public CheckRunner(Evaluator evaluator, WiGuardOptions options, LookupFailureAction onLookupFailure = LookupFailureAction.Allow)
    {
        _evaluator = evaluator;
        _options = options;
        _onLookupFailure = onLookupFailure;
    }

    /// <param name="files">The inputs, in order.</param>
    /// <param name="open">Opens an input (standard input for <see cref="ManifestFile.Path"/> null).</param>
    /// <param name="defaultNamespace">For objects that name none.</param>
    /// <param name="iam">IAM facts, or null to run without IAM rules.</param>
    /// <param name="notes">Lines about the run, reported first.</param>
    /// <param name="cancellationToken">Stops fact gathering.</param>
    public async Task<CheckReport> RunAsync(
        IReadOnlyList<ManifestFile> files,
        Func<ManifestFile, TextReader> open,
        string defaultNamespace,
        IIamFacts? iam,
        IReadOnlyList<string> notes,
        CancellationToken cancellationToken)
    {
        var loaded = new ManifestObjects(defaultNamespace);
        var errors = new List<string>();
        foreach (var file in files)
        {
            try
            {
                using var reader = open(file);
                loaded.Add(file, reader);
            }
            catch (ManifestInputException ex)
            {
                errors.Add(ex.Message);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{file.Name}: cannot read: {ex.Message}");
            }
        }

        var allNotes = new List<string>(notes);
        if (loaded.Objects.Count == 0 && errors.Count == 0) allNotes.Add(EmptyInputNote);

        var policy = new DecisionPolicy(_options, rules: _evaluator.Rules);
        // Policies in the same input add up with the one under review; the cluster may hold more.
        var policies = new NetworkPolicyIndex(loaded.Objects.Select(o => o.Subject.Value).OfType<NetworkPolicy>(), complete: false, defaultNamespace);
        var gatherer = new FactGatherer(iam, new InputServiceAccounts(loaded.Objects), _options, _onLookupFailure, policies);
        var entries = new List<ReportEntry>(loaded.Objects.Count);
        var skipped = new List<SkippedDocument>(loaded.Skipped);
        foreach (var (location, subject) in loaded.Objects)
        {
            // Exempt exactly as the webhook does (the metadata-path ConfigMaps in kube-system are still read).
            if (policy.IsExempt(subject))
            {
                skipped.Add(new SkippedDocument(location, $"{subject.Display}: namespace {subject.Namespace} is exempt"));
                continue;
            }

            var facts = await gatherer.GatherAsync(subject, cancellationToken);
            var findings = _evaluator.Evaluate(subject, facts);
            entries.Add(new ReportEntry(location, subject, policy.Decide(subject, findings, previous: null, _options.Mode)));
        }

        return new CheckReport(entries, skipped, allNotes, errors);
    }
}
