using WiGuard.Check.Report;
using WiGuard.Cli;
using WiGuard.Core.Configuration;
using WiGuard.Core.Rules;
using WiGuard.Hosting;

namespace WiGuard.Check;

/// <summary>What <c>wiguard check</c> was asked for, as typed on the command line.</summary>
public sealed record CheckArguments
{
    public IReadOnlyList<string> Files { get; init; } = [];
    public OutputFormat Output { get; init; } = OutputFormat.Text;
    public string? Namespace { get; init; }
    public string? IamSnapshot { get; init; }
    public bool Live { get; init; }
    public string? WorkloadPool { get; init; }
    public string? ProjectNumber { get; init; }
    public string? Mode { get; init; }
    public IReadOnlyList<string> Rules { get; init; } = [];
    public IReadOnlyList<string> ConfigArguments { get; init; } = [];
}

/// <summary>The validated settings of one run: policy options, IAM source and defaults.</summary>
public sealed record CheckSettings(
    CheckArguments Arguments,
    WiGuardOptions Policy,
    IConfiguration Configuration,
    bool IamRequested)
{
    public const string DefaultNamespace = "default";
    public const string SnapshotKey = "WiGuard:Iam:SnapshotPath";

    public string Namespace => Arguments.Namespace ?? DefaultNamespace;

    /// <summary><c>WiGuard:Iam:OnLookupFailure</c>, read the same way <c>wiguard serve</c> reads it.</summary>
    public LookupFailureAction OnLookupFailure =>
        Configuration.GetSection(IamOptions.Section).Get<IamOptions>()?.OnLookupFailure ?? LookupFailureAction.Allow;

    /// <summary>Every problem with the arguments at once, each naming its flag or key; an empty list means valid.</summary>
    public static (CheckSettings? Settings, IReadOnlyList<string> Errors) Create(CheckArguments arguments, CliContext context, IReadOnlyList<IRule> rules)
    {
        var errors = new List<string>();
        if (arguments.Live && arguments.IamSnapshot is not null)
            errors.Add("--live and --iam-snapshot exclude each other: choose live IAM or a snapshot file");
        if (arguments.IamSnapshot is { } snapshot && !File.Exists(snapshot))
            errors.Add($"--iam-snapshot: file not found: {snapshot}");
        if (arguments.Namespace is { } ns && !KubernetesNames.IsLabel(ns))
            errors.Add($"--namespace '{ns}' is not a valid namespace name (lower-case letters, digits and '-', at most 63)");

        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (arguments.IamSnapshot is not null) flags[SnapshotKey] = arguments.IamSnapshot;
        // Live IAM is what the IAM sources use when no snapshot is configured, so --live clears one set in the environment.
        if (arguments.Live) flags[SnapshotKey] = null;
        if (arguments.WorkloadPool is not null) flags["WiGuard:WorkloadPool"] = arguments.WorkloadPool;
        if (arguments.ProjectNumber is not null) flags["WiGuard:ProjectNumber"] = arguments.ProjectNumber;
        if (arguments.Mode is not null) flags["WiGuard:Mode"] = arguments.Mode;

        var configuration = CliConfiguration.Build(context, arguments.ConfigArguments, flags);
        var policy = BindPolicy(configuration, errors);
        if (policy is null) return (null, errors);

        foreach (var id in policy.Rules.Keys.Where(id => !rules.Any(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))))
            errors.Add($"WiGuard:Rules:{id} is not a WiGuard rule (known: {string.Join(", ", rules.Select(r => r.Id))})");
        foreach (var entry in arguments.Rules)
            AddRuleOverride(policy, entry, rules, errors);

        // Rule ids are checked above against the rules this run has; the rest as `wiguard serve` checks them.
        var withoutRules = ShallowCopyWithoutRules(policy);
        var validation = new WiGuardOptionsValidator().Validate(null, withoutRules);
        if (validation.Failed) errors.AddRange(validation.Failures);

        var iamRequested = arguments.Live || !string.IsNullOrEmpty(configuration[SnapshotKey]);
        return errors.Count > 0 ? (null, errors) : (new CheckSettings(arguments, policy, configuration, iamRequested), errors);
    }

    private static WiGuardOptions? BindPolicy(IConfiguration configuration, List<string> errors)
    {
        WiGuardOptions policy;
        try
        {
            policy = configuration.GetSection(WiGuardOptions.Section).Get<WiGuardOptions>() ?? new WiGuardOptions();
        }
        catch (InvalidOperationException ex)
        {
            errors.Add($"configuration: {ex.Message}");
            return null;
        }

        // A build fails on deny-level findings unless asked otherwise: that is what a CI check is for.
        if (configuration["WiGuard:Mode"] is null) policy.Mode = Mode.Enforce;
        policy.Rules = new Dictionary<string, RuleAction>(policy.Rules, StringComparer.OrdinalIgnoreCase);
        return policy;
    }

    private static void AddRuleOverride(WiGuardOptions policy, string entry, IReadOnlyList<IRule> rules, List<string> errors)
    {
        var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !Enum.TryParse<RuleAction>(parts[1], ignoreCase: true, out var action) || !Enum.IsDefined(action) || int.TryParse(parts[1], out _))
        {
            errors.Add($"--rule '{entry}' must look like WI010=Off (actions: Deny, Warn, Off)");
            return;
        }

        var rule = rules.FirstOrDefault(r => string.Equals(r.Id, parts[0], StringComparison.OrdinalIgnoreCase));
        if (rule is null)
        {
            errors.Add($"--rule: '{parts[0]}' is not a WiGuard rule (known: {string.Join(", ", rules.Select(r => r.Id))})");
            return;
        }

        policy.Rules[rule.Id] = action;
    }

    private static WiGuardOptions ShallowCopyWithoutRules(WiGuardOptions policy) => new()
    {
        Mode = policy.Mode,
        WorkloadPool = policy.WorkloadPool,
        ProjectNumber = policy.ProjectNumber,
        ExemptNamespaces = policy.ExemptNamespaces,
        Exemptions = [.. policy.Exemptions.Where(e => e.Rule == "*")],
        AllowObjectExemptions = policy.AllowObjectExemptions,
    };
}
