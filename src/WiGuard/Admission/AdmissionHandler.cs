using System.Diagnostics;
using System.Text.Json;
using WiGuard.Core.Admission;
using WiGuard.Core.Evaluation;
using WiGuard.Core.Facts;
using WiGuard.Core.Kubernetes;
using WiGuard.Core.Messages;
using WiGuard.Core.Rules;

namespace WiGuard.Admission;

/// <summary>
/// Turns one AdmissionRequest into a response: resolve the kind, skip what is not evaluated,
/// gather facts, run the rules on the object (and on oldObject for UPDATE), decide, log once.
/// </summary>
public sealed partial class AdmissionHandler
{
    private readonly FactGatherer _gatherer;
    private readonly Evaluator _evaluator;
    private readonly DecisionPolicy _policy;
    private readonly INamespaceLookup _namespaces;
    private readonly AdmissionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<AdmissionHandler> _logger;

    public AdmissionHandler(
        FactGatherer gatherer,
        Evaluator evaluator,
        DecisionPolicy policy,
        INamespaceLookup namespaces,
        AdmissionMetrics metrics,
        TimeProvider time,
        ILogger<AdmissionHandler> logger)
    {
        _gatherer = gatherer;
        _evaluator = evaluator;
        _policy = policy;
        _namespaces = namespaces;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <returns>The response, or a problem when the request is malformed (the caller answers 400).</returns>
    public async Task<(AdmissionResponse? Response, RequestProblem? Problem)> HandleAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var uid = request.Uid!;
        var kindName = request.Kind!.Kind!;
        var operation = request.Operation!;
        var ns = request.Namespace ?? "";

        if (Skip(request, out var kind) is { } reason)
        {
            LogSkipped(_logger, uid, kindName, ns, request.Name ?? "", operation, reason);
            return (Allow(uid), null);
        }

        var mode = _policy.ModeFor(_namespaces.Find(ns));
        if (mode == Core.Configuration.Mode.Off)
        {
            LogSkipped(_logger, uid, kindName, ns, request.Name ?? "", operation, "mode Off");
            return (Allow(uid), null);
        }

        if (request.Object is not { } json)
            return (null, RequestProblem.BadRequest($"request.object is missing for {operation} of {kindName}"));

        ReviewedObject subject;
        try
        {
            subject = Read(kind, ns, request, json);
        }
        catch (InvalidObjectException ex)
        {
            return (null, RequestProblem.BadRequest($"request.object: {ex.Message}"));
        }

        if (_policy.IsExempt(subject))
        {
            LogSkipped(_logger, uid, kindName, ns, subject.Name, operation, "namespace is exempt");
            return (Allow(uid), null);
        }

        Decision decision;
        try
        {
            var facts = await _gatherer.GatherAsync(subject, cancellationToken);
            var findings = _evaluator.Evaluate(subject, facts);
            decision = _policy.Decide(subject, findings, previous: null, mode);
            // Only a denial can be excused by the old object, so it is read only then.
            if (!decision.Allowed && PreviousFindings(request, kind, ns, facts) is { } previous)
                decision = _policy.Decide(subject, findings, previous, mode);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fault in WiGuard must not block the user's change, nor hide that nothing was checked.
            LogEvaluationFailed(_logger, uid, kindName, ns, subject.Name, ex.GetType().Name, ex.Message);
            return (new AdmissionResponse { Uid = uid, Allowed = true, Warnings = [EvaluationFailedWarning] }, null);
        }

        var elapsed = _time.GetElapsedTime(started);
        foreach (var use in decision.ExemptionsUsed)
            LogExemption(_logger, uid, use.RuleId, use.Object, use.Source);
        var rules = string.Join(',', decision.Findings.Select(f => f.Finding.RuleId).Distinct());
        LogAdmission(_logger, uid, kindName, ns, subject.Name, operation, decision.Outcome, rules, request.DryRun == true, elapsed.TotalMilliseconds);
        _metrics.Record(kindName, operation, decision, elapsed);

        return (Respond(uid, decision, subject), null);
    }

    private string? Skip(AdmissionRequest request, out ResourceKind kind)
    {
        kind = default;
        if (request.Operation is not ("CREATE" or "UPDATE")) return $"operation {request.Operation} is not evaluated";
        if (!string.IsNullOrEmpty(request.SubResource)) return $"subresource {request.SubResource} is not evaluated";
        if (!ResourceKinds.TryResolve(request.Kind?.Group, request.Kind?.Kind, out kind)) return "kind is not evaluated";
        // ConfigMaps are judged once read: the metadata-path ones live in kube-system by design.
        if (kind != ResourceKind.ConfigMap && _policy.IsExemptNamespace(request.Namespace ?? "")) return $"namespace {request.Namespace} is exempt";
        return null;
    }

    private static ReviewedObject Read(ResourceKind kind, string ns, AdmissionRequest request, JsonElement json)
    {
        var value = KubeObjectReader.Read(kind, json);
        if (value.Kind is { Length: > 0 } declared && declared != request.Kind!.Kind)
            throw new InvalidObjectException($"the object's kind {declared} does not match request.kind {request.Kind.Kind}");

        var meta = value.Metadata;
        var name = request.Name is { Length: > 0 } n ? n
            : meta?.Name is { Length: > 0 } m ? m
            : meta?.GenerateName is { Length: > 0 } g ? g + "*"
            : "(unnamed)";
        return new ReviewedObject(kind, ns.Length > 0 ? ns : meta?.Namespace ?? "", name, value);
    }

    /// <summary>On UPDATE, what the old object already had wrong: those findings never block the edit.</summary>
    private IReadOnlyList<Finding>? PreviousFindings(AdmissionRequest request, ResourceKind kind, string ns, EvaluationFacts facts)
    {
        if (request.Operation != "UPDATE" || request.OldObject is not { ValueKind: JsonValueKind.Object } old) return null;
        try
        {
            return _evaluator.Evaluate(Read(kind, ns, request, old), facts);
        }
        catch (InvalidObjectException)
        {
            // An unreadable old object cannot excuse anything; the new one is judged on its own.
            return null;
        }
    }

    private static AdmissionResponse Allow(string uid) => new() { Uid = uid, Allowed = true };

    private static AdmissionResponse Respond(string uid, Decision decision, ReviewedObject subject)
    {
        var warnings = AdmissionMessages.Warnings(decision);
        var response = new AdmissionResponse { Uid = uid, Allowed = decision.Allowed, Warnings = warnings.Count > 0 ? warnings : null };
        if (!decision.Allowed)
        {
            response.Status = new AdmissionStatus
            {
                Code = StatusCodes.Status403Forbidden,
                Reason = "Forbidden",
                Message = AdmissionMessages.Denial(decision, subject.Display),
            };
        }

        return response;
    }

    public const string EvaluationFailedWarning = "[WiGuard] this object was not checked: WiGuard failed to evaluate it (see the WiGuard logs)";

    [LoggerMessage(EventId = 4, Level = LogLevel.Error,
        Message = "Admission {Uid} {Kind} {Namespace}/{Name}: evaluation failed with {ExceptionType}: {ExceptionMessage}; allowed unchecked")]
    private static partial void LogEvaluationFailed(ILogger logger, string uid, string kind, string Namespace, string name, string exceptionType, string exceptionMessage);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Admission {Uid:l} {Kind:l} {Namespace:l}/{Name:l} {Operation:l}: {Decision:l} [{Rules:l}] dryRun={DryRun} in {DurationMs:F1} ms")]
    private static partial void LogAdmission(ILogger logger, string uid, string kind, string Namespace, string name, string operation, string decision, string rules, bool dryRun, double durationMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Admission {Uid:l} {Kind:l} {Namespace:l}/{Name:l} {Operation:l}: allow (not evaluated: {Reason:l})")]
    private static partial void LogSkipped(ILogger logger, string uid, string kind, string Namespace, string name, string operation, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Admission {Uid}: exemption used for {RuleId} on {Object} ({Source})")]
    private static partial void LogExemption(ILogger logger, string uid, string ruleId, string @object, string source);
}
