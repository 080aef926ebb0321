namespace WiGuard.Audit;

/// <summary><c>WiGuard:Audit</c>: the background audit the webhook runs over what already exists.</summary>
public sealed class AuditOptions
{
    public const string Section = "WiGuard:Audit";

    /// <summary>Time between audits; zero turns the background audit off. Runs only when a cluster is configured.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
