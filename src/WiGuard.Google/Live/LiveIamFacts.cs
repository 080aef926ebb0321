using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using WiGuard.Core.Configuration;
using WiGuard.Core.Facts;
using WiGuard.Core.Identity;
using WiGuard.Google.Telemetry;
using WiGuard.Google.Wire;

namespace WiGuard.Google.Live;

/// <summary>
/// IAM facts straight from Google: IAM v1 <c>projects.serviceAccounts.get</c> and <c>getIamPolicy</c>,
/// Resource Manager v3 <c>projects.get</c> and <c>getIamPolicy</c>. Never throws for a failed lookup.
/// </summary>
internal sealed class LiveIamFacts : IIamFacts
{
    private readonly GoogleRestClient _client;
    private readonly Uri _iam;
    private readonly Uri _resourceManager;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, bool> _reportedDenials = new(StringComparer.Ordinal);

    public LiveIamFacts(GoogleRestClient client, IamOptions options, ILogger logger)
    {
        _client = client;
        _iam = WithSlash(options.IamBaseUri);
        _resourceManager = WithSlash(options.ResourceManagerBaseUri);
        _logger = logger;
    }

    public async Task<GsaFacts> GetServiceAccountAsync(string email, CancellationToken cancellationToken)
    {
        if (!GsaEmail.TryParse(email, out var gsa)) return GsaFacts.Unavailable(email, "not a service account email");

        // The explicit project matters: projects/-/… answers 403 instead of 404 for a GSA that does not exist.
        var resource = $"v1/projects/{Uri.EscapeDataString(gsa.ProjectId)}/serviceAccounts/{Uri.EscapeDataString(email)}";
        var account = await _client.SendAsync(HttpMethod.Get, new Uri(_iam, resource), null, GoogleJsonContext.Default.ServiceAccountDto, cancellationToken);
        switch (account.Status)
        {
            case GoogleStatus.NotFound: return new GsaFacts(email, LookupOutcome.NotFound, false, null);
            case GoogleStatus.PermissionDenied: return Denied(email, "iam.serviceAccounts.get");
            case GoogleStatus.Failed: return GsaFacts.Unavailable(email, account.Problem!);
        }

        // IAM's getIamPolicy takes its options in the query string and an empty body.
        var policyUri = new Uri(_iam, $"{resource}:getIamPolicy?options.requestedPolicyVersion=3");
        var policy = await _client.SendAsync(HttpMethod.Post, policyUri, null, GoogleJsonContext.Default.PolicyDto, cancellationToken);
        return policy.Status switch
        {
            GoogleStatus.Ok => new GsaFacts(email, LookupOutcome.Found, account.Value!.Disabled == true, Map(policy.Value, email)),
            GoogleStatus.NotFound => new GsaFacts(email, LookupOutcome.NotFound, false, null),
            GoogleStatus.PermissionDenied => Denied(email, "iam.serviceAccounts.getIamPolicy"),
            _ => GsaFacts.Unavailable(email, policy.Problem!),
        };
    }

    public async Task<ProjectFacts> GetProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        var resource = $"v3/projects/{Uri.EscapeDataString(projectId)}";
        var projectTask = _client.SendAsync(HttpMethod.Get, new Uri(_resourceManager, resource), null, GoogleJsonContext.Default.ProjectDto, cancellationToken);
        var policyTask = _client.SendAsync(HttpMethod.Post, new Uri(_resourceManager, $"{resource}:getIamPolicy"),
            () => JsonContent.Create(new GetIamPolicyRequestDto(), GoogleJsonContext.Default.GetIamPolicyRequestDto),
            GoogleJsonContext.Default.PolicyDto, cancellationToken);
        var project = await projectTask;
        var policy = await policyTask;

        string? number = null;
        if (project.Status == GoogleStatus.Ok)
        {
            number = PolicyMapper.ProjectNumberFrom(project.Value!.Name);
            if (number is null)
            {
                Log.InvalidResponse(_logger, resource, $"project name '{project.Value.Name}' has no number");
                return ProjectFacts.Unavailable(projectId, "Resource Manager sent a project without a number");
            }
        }

        return (project.Status, policy.Status) switch
        {
            (GoogleStatus.NotFound, _) or (_, GoogleStatus.NotFound) => new ProjectFacts(projectId, LookupOutcome.NotFound, number, null),
            (GoogleStatus.PermissionDenied, _) => DeniedProject(projectId, number, "resourcemanager.projects.get"),
            (_, GoogleStatus.PermissionDenied) => DeniedProject(projectId, number, "resourcemanager.projects.getIamPolicy"),
            (GoogleStatus.Failed, _) => new ProjectFacts(projectId, LookupOutcome.Unavailable, number, null, project.Problem),
            (_, GoogleStatus.Failed) => new ProjectFacts(projectId, LookupOutcome.Unavailable, number, null, policy.Problem),
            _ => new ProjectFacts(projectId, LookupOutcome.Found, number, Map(policy.Value, $"project {projectId}")),
        };
    }

    private IamPolicy Map(PolicyDto? dto, string owner)
    {
        var issues = new List<string>();
        var policy = PolicyMapper.Map(dto, "policy", issues);
        foreach (var issue in issues) Log.InvalidResponse(_logger, owner, issue);
        return policy;
    }

    private GsaFacts Denied(string email, string permission)
    {
        ReportOnce(email, permission);
        return new GsaFacts(email, LookupOutcome.PermissionDenied, false, null, $"WiGuard lacks {permission} (IAM answered 403)");
    }

    private ProjectFacts DeniedProject(string projectId, string? number, string permission)
    {
        ReportOnce($"project {projectId}", permission);
        return new ProjectFacts(projectId, LookupOutcome.PermissionDenied, number, null, $"WiGuard lacks {permission} (Resource Manager answered 403)");
    }

    /// <summary>A missing permission is the platform team's to fix: one log line per resource, not one per admission.</summary>
    private void ReportOnce(string resource, string permission)
    {
        if (_reportedDenials.TryAdd($"{resource}|{permission}", true)) Log.PermissionDenied(_logger, resource, permission);
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
