using System.CommandLine;
using WiGuard.Bind;
using WiGuard.Core.Facts;

namespace WiGuard.Cli;

/// <summary><c>wiguard bind</c>: prints the gcloud command and KSA YAML that wire a KSA to a GSA.</summary>
public static class BindCommand
{
    public static Command Create(CliContext context)
    {
        var ns = new Option<string>("--namespace", "-n") { Description = "The KSA's namespace.", Required = true };
        var ksa = new Option<string>("--ksa") { Description = "The Kubernetes service account name.", Required = true };
        var gsa = new Option<string>("--gsa") { Description = "The GSA email, NAME@PROJECT_ID.iam.gserviceaccount.com.", Required = true };
        var pool = new Option<string>("--workload-pool") { Description = "The cluster's pool, PROJECT_ID.svc.id.goog (or WiGuard:WorkloadPool)." };
        var number = new Option<string>("--project-number") { Description = "The pool project's number, for --direct (or WiGuard:ProjectNumber; else looked up)." };
        var direct = new Option<bool>("--direct") { Description = "Name the KSA by its principal:// identifier instead of serviceAccount:POOL[NS/KSA]." };
        var live = new Option<bool>("--live") { Description = "With --direct: look the project number up in live IAM (Application Default Credentials)." };
        var snapshot = new Option<string>("--iam-snapshot") { Description = "With --direct: look the project number up in this IAM snapshot file." };

        var command = new Command("bind", "Print the exact gcloud command and ServiceAccount YAML that let a KSA act as a GSA.")
        {
            ns, ksa, gsa, pool, number, direct, live, snapshot,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var unexpected = parseResult.UnmatchedTokens.Where(t => !CliConfiguration.IsConfigArgument(t)).ToList();
            if (unexpected.Count > 0)
                return await UsageAsync(context, [.. unexpected.Select(t => $"unexpected argument '{t}'")]);

            var overrides = new Dictionary<string, string?>();
            if (parseResult.GetValue(snapshot) is { } snapshotPath) overrides["WiGuard:Iam:SnapshotPath"] = snapshotPath;
            if (parseResult.GetValue(pool) is { } poolValue) overrides["WiGuard:WorkloadPool"] = poolValue;
            var configuration = CliConfiguration.Build(context, parseResult.UnmatchedTokens, overrides);
            // Live IAM is asked only when requested: Application Default Credentials may probe the metadata server.
            var lookUp = parseResult.GetValue(live) || !string.IsNullOrEmpty(configuration["WiGuard:Iam:SnapshotPath"]);
            var (request, errors) = BindRequest.Create(
                parseResult.GetValue(ns),
                parseResult.GetValue(ksa),
                parseResult.GetValue(gsa),
                parseResult.GetValue(pool) ?? configuration["WiGuard:WorkloadPool"],
                parseResult.GetValue(number) ?? configuration["WiGuard:ProjectNumber"],
                parseResult.GetValue(direct));
            if (request is null) return await UsageAsync(context, errors);

            var projectNumber = request.Direct && request.ProjectNumber is null && lookUp
                ? await LookUpProjectNumberAsync(context, configuration, request, cancellationToken)
                : request.ProjectNumber;
            await context.Out.WriteAsync(BindInstructions.Render(request, projectNumber));
            await context.Out.FlushAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Asks the IAM source for the pool project's number; null (so the output fetches it) when it cannot say.</summary>
    private static async Task<string?> LookUpProjectNumberAsync(CliContext context, IConfiguration configuration, BindRequest request, CancellationToken cancellationToken)
    {
        IIamFacts? iam;
        try
        {
            iam = context.IamFacts(configuration);
        }
        catch (Check.IamConfigurationException ex)
        {
            await context.Error.WriteLineAsync($"wiguard bind: {ex.Message}; printing a command that looks the project number up instead");
            return null;
        }

        if (iam is null) return null;
        try
        {
            var project = await iam.GetProjectAsync(request.PoolProject, cancellationToken);
            return project.Outcome == LookupOutcome.Found ? project.ProjectNumber : null;
        }
        finally
        {
            if (iam is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else if (iam is IDisposable disposable) disposable.Dispose();
        }
    }

    private static async Task<int> UsageAsync(CliContext context, IEnumerable<string> problems)
    {
        foreach (var problem in problems)
            await context.Error.WriteLineAsync($"wiguard bind: {problem}");
        return ExitCodes.UsageError;
    }
}
