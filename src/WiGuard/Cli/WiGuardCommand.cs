using System.CommandLine;

namespace WiGuard.Cli;

/// <summary>The <c>wiguard</c> executable: one verb per static class.</summary>
public static class WiGuardCommand
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, new CliContext(), CancellationToken.None);

    /// <param name="args">The command line.</param>
    /// <param name="context">Standard streams, environment and rules; tests pass their own.</param>
    /// <param name="cancellationToken">Stops the verb.</param>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var root = new RootCommand("WiGuard stops GKE Workload Identity misconfigurations before they ship.")
        {
            ServeCommand.Create(),
            CheckCommand.Create(context),
            BindCommand.Create(context),
            AuditCommand.Create(context),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // A usage mistake exits 2, so CI can tell it apart from findings (1).
            foreach (var error in parseResult.Errors)
                await context.Error.WriteLineAsync($"wiguard: {error.Message}");
            var verb = parseResult.CommandResult.Command is RootCommand ? "" : parseResult.CommandResult.Command.Name + " ";
            await context.Error.WriteLineAsync($"Run 'wiguard {verb}--help' for usage.");
            return ExitCodes.UsageError;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken);
    }
}
