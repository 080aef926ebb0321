using WiGuard.Core.Identity;

namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>
/// Decides whether an annotation key was meant to be <c>iam.gke.io/gcp-service-account</c>.
/// Keys are folded (lower case, without the '-', '_', '.' and '/' people swap) and compared with
/// an edit distance that counts a transposition as one edit. A key whose name part is right but
/// whose prefix belongs to someone else (<c>cloud.google.com/…</c>) is that vendor's key, not a slip.
/// </summary>
internal static class AnnotationKeyNearMiss
{
    private const int MaxEdits = 2;
    private static readonly string FoldedKey = Fold(KnownKeys.GcpServiceAccount);
    private static readonly string FoldedPrefix = Fold("iam.gke.io");
    private static readonly string[] FoldedNames = [Fold("gcp-service-account")];

    // Dropping "gcp-" is a common slip, but a bare "service-account" key is too generic to claim.
    private static readonly string[] FoldedNamesUnderGkePrefix = [Fold("service-account"), Fold("google-service-account")];

    public static bool IsNearMiss(string key)
    {
        if (string.Equals(key, KnownKeys.GcpServiceAccount, StringComparison.Ordinal)) return false;
        if (Distance(Fold(key), FoldedKey) <= MaxEdits) return true;

        var slash = key.LastIndexOf('/');
        var prefix = slash < 0 ? "" : key[..slash];
        var name = Fold(key[(slash + 1)..]);
        if (!LooksLikeGkePrefix(prefix)) return false;
        return FoldedNames.Any(n => Distance(name, n) <= MaxEdits) ||
               (prefix.Length > 0 && FoldedNamesUnderGkePrefix.Any(n => Distance(name, n) <= 1));
    }

    private static bool LooksLikeGkePrefix(string prefix)
    {
        if (prefix.Length == 0) return true;
        var labels = prefix.ToLowerInvariant().Split('.');
        return labels.Contains("gke") || labels.Contains("iam") || Distance(Fold(prefix), FoldedPrefix) <= MaxEdits;
    }

    internal static string Fold(string key) =>
        string.Concat(key.Where(c => c is not ('-' or '_' or '.' or '/')).Select(char.ToLowerInvariant));

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    internal static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > MaxEdits + 1) return int.MaxValue;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}
