using System.CommandLine;
using WiGuard.Check;
using WiGuard.Check.Input;
using WiGuard.Check.Report;
using WiGuard.Core.Configuration;
using WiGuard.Core.Facts;

namespace WiGuard.Cli;

/// <summary><c>wiguard check -f PATH|-</c>: the webhook's rules over manifests, for CI.</summary>
public static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "A manifest file, a folder (recursive *.yaml, *.yml, *.json) or - for standard input. Repeatable.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--output", "-o") { Description = "Report format.", DefaultValueFactory = _ => "text" };
        output.AcceptOnlyFromAmong("text", "json", "sarif");
        var ns = new Option<string>("--namespace", "-n") { Description = "Namespace for objects that name none (default: default)." };
        var snapshot = new Option<string>("--iam-snapshot") { Description = "Check IAM rules against this IAM snapshot file (sets WiGuard:Iam:SnapshotPath)." };
        var live = new Option<bool>("--live") { Description = "Check IAM rules against live IAM (Application Default Credentials)." };
        var pool = new Option<string>("--workload-pool") { Description = "The cluster's Workload Identity pool, PROJECT_ID.svc.id.goog." };
        var number = new Option<string>("--project-number") { Description = "The number of the pool's project (else looked up)." };
        var mode = new Option<string>("--mode") { Description = "Enforce (default: deny-level findings fail) or Warn (report only).", HelpName = "Enforce|Warn" };
        mode.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Enum.GetNames<Mode>().Any(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)))
                result.AddError($"--mode must be Enforce or Warn (or Off), got '{value}'");
        });
        var rules = new Option<string[]>("--rule") { Description = "Per-rule action, e.g. --rule WI010=Off. Repeatable.", Arity = ArgumentArity.OneOrMore };

        var command = new Command("check", "Check Kubernetes manifests for Workload Identity mistakes. Exit 0: nothing at deny level; 1: deny-level findings; 2: usage or input error. Configuration also from WiGuard__X env vars and --WiGuard:X=value.")
        {
            files, output, ns, snapshot, live, pool, number, mode, rules,
        };
        command.TreatUnmatchedTokensAsErrors = false;

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var unexpected = parseResult.UnmatchedTokens.Where(t => !CliConfiguration.IsConfigArgument(t)).ToList();
            if (unexpected.Count > 0)
                return await UsageAsync(context, [.. unexpected.Select(t => $"unexpected argument '{t}' (give -f once per file)")]);

            var arguments = new CheckArguments
            {
                Files = parseResult.GetValue(files) ?? [],
                Output = Enum.Parse<OutputFormat>(parseResult.GetValue(output) ?? "text", ignoreCase: true),
                Namespace = parseResult.GetValue(ns),
                IamSnapshot = parseResult.GetValue(snapshot),
                Live = parseResult.GetValue(live),
                WorkloadPool = parseResult.GetValue(pool),
                ProjectNumber = parseResult.GetValue(number),
                Mode = parseResult.GetValue(mode),
                Rules = parseResult.GetValue(rules) ?? [],
                ConfigArguments = [.. parseResult.UnmatchedTokens],
            };
            return await RunAsync(arguments, context, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(CheckArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        var (settings, problems) = CheckSettings.Create(arguments, context, context.Evaluator.Rules);
        if (settings is null) return await UsageAsync(context, problems);

        var inputs = new List<ManifestFile>();
        var missing = new List<string>();
        foreach (var path in arguments.Files)
        {
            try
            {
                inputs.AddRange(ManifestFiles.Expand([path]));
            }
            catch (ManifestInputException ex)
            {
                missing.Add(ex.Message);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                missing.Add($"{path}: cannot read: {ex.Message}");
            }
        }

        var notes = new List<string>();
        IIamFacts? iam;
        try
        {
            iam = settings.IamRequested ? context.IamFacts(settings.Configuration) : null;
        }
        catch (IamConfigurationException ex)
        {
            return await UsageAsync(context, [ex.Message]);
        }

        try
        {
            if (!settings.IamRequested) notes.Add(CheckRunner.IamNotRequestedNote);
            else if (iam is null) notes.Add(CheckRunner.IamUnavailableNote);
            else if (settings.Policy.WorkloadPool is null) notes.Add(CheckRunner.NoWorkloadPoolNote);

            var runner = new CheckRunner(context.Evaluator, settings.Policy, settings.OnLookupFailure);
            var report = await runner.RunAsync(inputs, file => Open(file, context), settings.Namespace, iam, notes, cancellationToken);
            if (missing.Count > 0) report = report with { Errors = [.. missing, .. report.Errors] };

            await ReportWriter.WriteAsync(report, arguments.Output, context, "check");
            return report.ExitCode;
        }
        finally
        {
            await DisposeAsync(iam);
        }
    }

    private static TextReader Open(ManifestFile file, CliContext context) =>
        file.Path is null ? new StringReader(context.In.ReadToEnd()) : new StreamReader(file.Path);

    private static async Task<int> UsageAsync(CliContext context, IEnumerable<string> problems)
    {
        foreach (var problem in problems)
            await context.Error.WriteLineAsync($"wiguard check: {problem}");
        await context.Error.WriteLineAsync("Run 'wiguard check --help' for usage.");
        return ExitCodes.UsageError;
    }

    private static async ValueTask DisposeAsync(IIamFacts? iam)
    {
        if (iam is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else if (iam is IDisposable disposable) disposable.Dispose();
    }
}
