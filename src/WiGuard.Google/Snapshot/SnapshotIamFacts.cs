using System.Text.Json;
using WiGuard.Core.Facts;
using WiGuard.Core.Identity;
using WiGuard.Google.Wire;

namespace WiGuard.Google.Snapshot;

/// <summary>
/// IAM facts from a snapshot file (DESIGN.md format; each policy exactly Google's JSON, read by the same
/// parser as live answers). A GSA or project absent from the file does not exist.
/// </summary>
public sealed class SnapshotIamFacts : IIamFacts
{
    private readonly Dictionary<string, GsaFacts> _gsas;
    private readonly Dictionary<string, ProjectFacts> _projects;

    private SnapshotIamFacts(Dictionary<string, GsaFacts> gsas, Dictionary<string, ProjectFacts> projects)
    {
        _gsas = gsas;
        _projects = projects;
    }

    public string? Path { get; private init; }

    public int ServiceAccountCount => _gsas.Count;

    public int ProjectCount => _projects.Count;

    /// <exception cref="IamSnapshotException">The file is missing, is not JSON, or does not have the snapshot's shape.</exception>
    public static SnapshotIamFacts Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IamSnapshotException($"IAM snapshot {path} (Iam:SnapshotPath) cannot be read: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    /// <exception cref="IamSnapshotException">The text is not a valid snapshot; the message names <paramref name="source"/> and the JSON path.</exception>
    public static SnapshotIamFacts Parse(string json, string source)
    {
        SnapshotDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, GoogleJsonContext.Default.SnapshotDto);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } n ? $" line {n + 1}" : "";
            var where = string.IsNullOrEmpty(ex.Path) ? "" : $" at {ex.Path}";
            throw new IamSnapshotException($"IAM snapshot {source} is not valid:{line}{where}: {FirstSentence(ex.Message)}", ex);
        }

        if (dto is null) throw new IamSnapshotException($"IAM snapshot {source} is not valid: the document is null");

        var problems = new List<string>();
        var gsas = new Dictionary<string, GsaFacts>(StringComparer.Ordinal);
        foreach (var (email, entry) in dto.ServiceAccounts ?? [])
        {
            var where = $"$.serviceAccounts['{email}']";
            if (!GsaEmail.TryParse(email, out _)) problems.Add($"{where}: '{email}' is not a service account email");
            if (entry is null) { problems.Add($"{where} is null"); continue; }
            gsas[email] = new GsaFacts(email, LookupOutcome.Found, entry.Disabled == true, PolicyMapper.Map(entry.IamPolicy, $"{where}.iamPolicy", problems));
        }

        var projects = new Dictionary<string, ProjectFacts>(StringComparer.Ordinal);
        foreach (var (id, entry) in dto.Projects ?? [])
        {
            var where = $"$.projects['{id}']";
            if (entry is null) { problems.Add($"{where} is null"); continue; }
            if (entry.ProjectNumber is { } number && !number.All(char.IsAsciiDigit))
                problems.Add($"{where}.projectNumber '{number}' is not a project number (digits only)");
            projects[id] = new ProjectFacts(id, LookupOutcome.Found, entry.ProjectNumber, PolicyMapper.Map(entry.IamPolicy, $"{where}.iamPolicy", problems));
        }

        if (problems.Count > 0)
            throw new IamSnapshotException($"IAM snapshot {source} is not valid:\n  " + string.Join("\n  ", problems));

        return new SnapshotIamFacts(gsas, projects) { Path = source };
    }

    public Task<GsaFacts> GetServiceAccountAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(_gsas.GetValueOrDefault(email) ?? new GsaFacts(email, LookupOutcome.NotFound, false, null));

    public Task<ProjectFacts> GetProjectAsync(string projectId, CancellationToken cancellationToken) =>
        Task.FromResult(_projects.GetValueOrDefault(projectId) ?? new ProjectFacts(projectId, LookupOutcome.NotFound, null, null));

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut].TrimEnd('.', ' ');
    }
}
