using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>
/// Says everything wrong with the value of <c>iam.gke.io/gcp-service-account</c>. GKE uses the
/// value exactly as written, so whitespace, case and short names are errors, not style.
/// </summary>
internal static class GsaValueCheck
{
    private const string Exactly = "GKE uses the annotation value exactly as written";

    public static IEnumerable<GsaValueProblem> Inspect(string? value, GsaFixTarget target)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new(
                string.IsNullOrEmpty(value) ? "GSA annotation is empty" : "GSA annotation holds only whitespace",
                "With no GSA email the KSA does not impersonate any GSA, so Google API calls fail with 403.",
                $"{target.SetGsa($"GSA_NAME@{target.Project}{GsaEmail.UserManagedSuffix}")}\n" +
                $"(replace GSA_NAME with the GSA's account id; list them: {target.ListGsas})" +
                $"\nor remove the annotation: {ShellFix.Annotate(target.Namespace, target.Ksa, KnownKeys.GcpServiceAccount + "-")}");
            yield break;
        }

        if (GsaPlaceholder.Find(value) is { } placeholder)
        {
            yield return new(
                $"GSA annotation holds the unfilled placeholder '{Shorten(placeholder)}'",
                "The template variable was never substituted, so GKE looks for a GSA that does not exist and API calls fail with 403.",
                "render the template before applying (helm template / envsubst / kustomize), or set the real email:\n" +
                FilledIn(value, placeholder, target));
            yield break;
        }

        var current = value;
        if (current.Trim() != current)
        {
            current = current.Trim();
            yield return new(
                $"GSA email has {DescribeWhitespace(value)}; {Exactly}",
                $"{Exactly}, so '{current}' plus whitespace names no GSA and token requests fail. " +
                "A YAML block scalar (|) or a copied value often adds it.",
                target.SetGsa(BestCorrection(current)));
        }

        if (current.Any(char.IsUpper))
        {
            current = current.ToLowerInvariant();
            yield return new(
                "GSA email has upper-case letters; Google service account emails are all lower case",
                $"{Exactly}, and GSA emails are lower case: a mixed-case email does not match the GSA or its grants, so token requests fail.",
                target.SetGsa(BestCorrection(current)));
        }

        if (!current.Contains('@', StringComparison.Ordinal))
        {
            yield return new(
                $"GSA annotation '{Shorten(current)}' is a short name; GKE needs the full GSA email",
                "GKE does not expand short names: it needs NAME@PROJECT.iam.gserviceaccount.com, so token requests fail.",
                target.SetGsa(GsaEmail.For(current, target.Project)) + target.ProjectNote);
            yield break;
        }

        if (GsaEmail.TryParse(current, out var email))
        {
            if (email.Kind != GsaKind.UserManaged) yield return DefaultGsaAdvice.For(email, target);
            yield break;
        }

        foreach (var problem in GsaEmailShape.Inspect(current, target))
            yield return problem;
    }

    private static string BestCorrection(string value)
    {
        var lower = value.Trim().ToLowerInvariant();
        return GsaEmail.TryParse(lower, out _) ? lower : value;
    }

    /// <summary>
    /// Fills a placeholder where the project goes with the pool's project (or PROJECT_ID), and one
    /// where the account id goes with GSA_NAME, keeping the rest of what the user wrote.
    /// </summary>
    private static string FilledIn(string value, string placeholder, GsaFixTarget target)
    {
        var trimmed = value.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        var inDomain = at >= 0 && trimmed.IndexOf(placeholder, StringComparison.Ordinal) > at;
        var probe = trimmed.Replace(placeholder, inDomain ? "project-id" : "gsa-name", StringComparison.Ordinal);
        if (GsaEmail.TryParse(probe, out var email) && email.Kind == GsaKind.UserManaged)
        {
            var filled = trimmed.Replace(placeholder, inDomain ? target.Project : "GSA_NAME", StringComparison.Ordinal);
            return target.SetGsa(filled) + (inDomain ? target.ProjectNote : AccountNote);
        }

        return target.SetGsa($"GSA_NAME@{target.Project}{GsaEmail.UserManagedSuffix}") + AccountNote + target.ProjectNote;
    }

    private const string AccountNote = "\n(replace GSA_NAME with the GSA's account id)";

    private static string DescribeWhitespace(string value)
    {
        var leading = value.Length - value.TrimStart().Length > 0;
        var trailing = value.Length - value.TrimEnd().Length > 0;
        var side = leading && trailing ? "leading and trailing" : leading ? "a leading" : "a trailing";
        var edge = trailing ? value[^1] : value[0];
        var what = leading && trailing ? "whitespace" : edge switch { '\n' or '\r' => "newline", '\t' => "tab", ' ' => "space", _ => "whitespace" };
        return $"{side} {what}";
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 39), "…");
}
