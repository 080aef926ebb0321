using System.CommandLine;
using Microsoft.Extensions.Options;
using WiGuard.Audit;
using WiGuard.Check;
using WiGuard.Check.Report;
using WiGuard.Core.Configuration;
using WiGuard.Core.Facts;
using WiGuard.Kubernetes;
using WiGuard.Kubernetes.Api;
using WiGuard.Kubernetes.Connection;
using WiGuard.Kubernetes.Inventory;

namespace WiGuard.Cli;

/// <summary><c>wiguard audit</c>: the webhook's rules over what already runs in the cluster.</summary>
public static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var ns = new Option<string>("--namespace", "-n") { Description = "Audit one namespace (default: every namespace)." };
        var output = new Option<string>("--output", "-o") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json", "sarif");
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "Kubeconfig file (or WiGuard:Kubernetes:Kubeconfig; in a pod, the pod's service account)." };
        var snapshot = new Option<string>("--iam-snapshot") { Description = "Check IAM rules against this IAM snapshot file." };
        var live = new Option<bool>("--live") { Description = "Check IAM rules against live IAM (Application Default Credentials)." };
        var pool = new Option<string>("--workload-pool") { Description = "The cluster's Workload Identity pool, PROJECT_ID.svc.id.goog." };
        var mode = new Option<string>("--mode") { Description = "Enforce (default: deny-level findings exit 1) or Warn.", HelpName = "Enforce|Warn" };
        var rules = new Option<string[]>("--rule") { Description = "Per-rule action, e.g. --rule WI010=Off. Repeatable.", Arity = ArgumentArity.OneOrMore };

        var command = new Command("audit", "Evaluate the ServiceAccounts, Pods, workloads and network objects already in the cluster. Exit 0: nothing at deny level; 1: deny-level findings; 2: usage, configuration or cluster error.")
        {
            ns, output, kubeconfig, snapshot, live, pool, mode, rules,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var unexpected = parseResult.UnmatchedTokens.Where(t => !CliConfiguration.IsConfigArgument(t)).ToList();
            if (unexpected.Count > 0) return await UsageAsync(context, [.. unexpected.Select(t => $"unexpected argument '{t}'")]);

            var configArguments = parseResult.UnmatchedTokens.ToList();
            if (parseResult.GetValue(kubeconfig) is { } path) configArguments.Add($"--WiGuard:Kubernetes:Kubeconfig={path}");
            var arguments = new CheckArguments
            {
                Namespace = parseResult.GetValue(ns),
                Output = Enum.Parse<OutputFormat>(parseResult.GetValue(output) ?? "text", ignoreCase: true),
                IamSnapshot = parseResult.GetValue(snapshot),
                Live = parseResult.GetValue(live),
                WorkloadPool = parseResult.GetValue(pool),
                Mode = parseResult.GetValue(mode),
                Rules = parseResult.GetValue(rules) ?? [],
                ConfigArguments = configArguments,
            };
            return await RunAsync(arguments, context, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(CheckArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var (settings, problems) = CheckSettings.Create(arguments, context, context.Evaluator.Rules);
        if (settings is null) return await UsageAsync(context, problems);

        IIamFacts? iam = null;
        try
        {
            iam = settings.IamRequested ? context.IamFacts(settings.Configuration) : null;
            var notes = new List<string> { settings.IamRequested ? CheckRunner.IamUnavailableNote : CheckRunner.IamNotRequestedNote };
            if (iam is not null) notes.Clear();

            var services = new ServiceCollection();
            services.AddWiGuardKubernetes(settings.Configuration);
            await using var provider = services.BuildServiceProvider();
            var inventory = provider.GetRequiredService<IClusterInventory>();
            var runner = new AuditRunner(inventory, iam, context.Evaluator, settings.Policy, settings.OnLookupFailure);
            var report = await runner.RunAsync(arguments.Namespace, notes, cancellationToken);
            await ReportWriter.WriteAsync(report, arguments.Output, context, "audit");
            return report.ExitCode;
        }
        catch (Exception ex) when (ex is IamConfigurationException or KubernetesConfigException or KubeApiException or OptionsValidationException)
        {
            return await UsageAsync(context, [ex.Message]);
        }
        finally
        {
            if (iam is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
    }

    private static async Task<int> UsageAsync(CliContext context, IEnumerable<string> problems)
    {
        foreach (var problem in problems)
            await context.Error.WriteLineAsync($"wiguard audit: {problem}");
        return ExitCodes.UsageError;
    }
}
