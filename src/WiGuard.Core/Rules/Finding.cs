namespace WiGuard.Core.Rules;

/// <summary>One problem found in one object.</summary>
/// <param name="RuleId">WI001…WI021.</param>
/// <param name="Object">The object, as "Kind namespace/name".</param>
/// <param name="Message">Starts with "[WIxxx]"; says what is wrong in one line, short enough for a kubectl warning.</param>
/// <param name="Why">Why it matters, in words an app developer understands.</param>
/// <param name="Fix">The exact fix: a generated command or YAML snippet (may span lines).</param>
/// <param name="Advisory">A finding that only ever warns, even when its rule may deny (e.g. a disabled GSA).</param>
public sealed record Finding(string RuleId, string Object, string Message, string Why, string Fix, bool Advisory = false)
{
    /// <summary>Two findings are the same problem when rule and message match; used to spot pre-existing problems on UPDATE.</summary>
    public bool SameProblemAs(Finding other) =>
        string.Equals(RuleId, other.RuleId, StringComparison.Ordinal) &&
        string.Equals(Message, other.Message, StringComparison.Ordinal);
}
