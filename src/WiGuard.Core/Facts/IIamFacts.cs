namespace WiGuard.Core.Facts;

/// <summary>
/// IAM facts about GSAs and projects, live (cached Google REST) or from a snapshot file.
/// Implementations never throw for a lookup that failed: they return an outcome that says so.
/// </summary>
public interface IIamFacts
{
    Task<GsaFacts> GetServiceAccountAsync(string email, CancellationToken cancellationToken);

    Task<ProjectFacts> GetProjectAsync(string projectId, CancellationToken cancellationToken);
}
