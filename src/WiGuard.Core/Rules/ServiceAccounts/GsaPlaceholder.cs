using System.Text.RegularExpressions;

namespace WiGuard.Core.Rules.ServiceAccounts;

/// <summary>
/// Finds template text that was never filled in: shell and Helm variables, angle-bracket
/// placeholders, upper-case tokens such as PROJECT_ID, and the usual "change me" words.
/// Real ids like <c>my-project</c> are not placeholders.
/// </summary>
internal static partial class GsaPlaceholder
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "changeme", "change-me", "replaceme", "replace-me", "todo", "fixme", "tbd", "xxx", "xxxx", "xxxxxx",
    };

    private static readonly HashSet<string> UpperCaseWords = new(StringComparer.Ordinal)
    {
        "PROJECT", "PROJECT-ID", "GSA", "GSA-NAME", "NAME", "EMAIL", "SERVICE-ACCOUNT",
    };

    /// <summary>The first placeholder in <paramref name="value"/>, or null when there is none.</summary>
    public static string? Find(string value)
    {
        var match = Templated().Match(value);
        if (match.Success) return match.Value;

        // Judge whole pieces between '@' and '.', so "App-GSA" is a case slip, not a placeholder.
        foreach (var piece in value.Trim().Split('@', '.'))
        {
            if (Words.Contains(piece) || UpperCaseWords.Contains(piece)) return piece;
        }

        return null;
    }

    [GeneratedRegex(
        @"\$\{[^}]*\}?|\$\([^)]*\)?|\{\{.*?(\}\}|\z)|<[^<>]*>?|%[A-Za-z_]+%|\$[A-Za-z_][A-Za-z0-9_]*|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b|(?i:\bproject_(?:id|number)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Templated();
}
