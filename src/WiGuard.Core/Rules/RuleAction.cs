namespace WiGuard.Core.Rules;

/// <summary>What a rule's findings do. <c>Deny</c> lets a rule deny; findings a rule marks advisory stay warnings.</summary>
public enum RuleAction
{
    Off,
    Warn,
    Deny,
}
