using WiGuard.Core.Facts;

namespace WiGuard.Google.Wire;

/// <summary>
/// Turns Google's policy JSON into Core's <see cref="IamPolicy"/>; the one parser for live answers and snapshots.
/// An etag-only policy (Google's answer for "no bindings") is a valid empty policy; damaged bindings are
/// skipped and reported, never thrown.
/// </summary>
internal static class PolicyMapper
{
    public static IamPolicy Map(PolicyDto? dto, string where, List<string> issues)
    {
        if (dto is null) return IamPolicy.Empty;

        var bindings = new List<IamBinding>();
        var list = dto.Bindings ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var binding = list[i];
            if (binding is null || string.IsNullOrWhiteSpace(binding.Role))
            {
                issues.Add($"{where}.bindings[{i}] has no role; the binding is ignored");
                continue;
            }

            var members = (binding.Members ?? []).OfType<string>().ToList();
            var condition = binding.Condition is { } c ? new IamCondition(c.Title, c.Expression, c.Description) : null;
            bindings.Add(new IamBinding(binding.Role, members, condition));
        }

        return new IamPolicy(dto.Version ?? 1, dto.Etag, bindings);
    }

    /// <summary>The number in a v3 project name (<c>projects/415104041262</c>), or null when the name has another shape.</summary>
    public static string? ProjectNumberFrom(string? name)
    {
        const string prefix = "projects/";
        if (name is null || !name.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var number = name[prefix.Length..];
        return number.Length > 0 && number.All(char.IsAsciiDigit) ? number : null;
    }
}
