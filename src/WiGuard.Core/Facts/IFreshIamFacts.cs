namespace WiGuard.Core.Facts;

/// <summary>
/// Implemented by caching IAM sources: look a fact up again unless the cached answer is at most
/// <c>maxAge</c> old. The fact gatherer uses it before an answer that would deny, because someone
/// may be adding the missing grant right now.
/// </summary>
public interface IFreshIamFacts
{
    Task<GsaFacts> GetServiceAccountAsync(string email, TimeSpan maxAge, CancellationToken cancellationToken);

    Task<ProjectFacts> GetProjectAsync(string projectId, TimeSpan maxAge, CancellationToken cancellationToken);
}
