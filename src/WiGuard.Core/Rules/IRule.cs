namespace WiGuard.Core.Rules;

/// <summary>
/// One check of the catalogue. Rules are pure: they read the object and pre-fetched facts,
/// never do I/O, and report every problem they see rather than the first.
/// </summary>
public interface IRule
{
    /// <summary>WI001…WI021.</summary>
    string Id { get; }

    RuleAction DefaultAction { get; }

    /// <summary>One line for the rule table and <c>--output json</c>.</summary>
    string Summary { get; }

    IEnumerable<Finding> Evaluate(RuleContext context);
}
