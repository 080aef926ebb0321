using System.CommandLine;
using Microsoft.Extensions.Options;
using WiGuard.Hosting;

namespace WiGuard.Cli;

/// <summary><c>wiguard serve</c>: the admission webhook. Every other argument is ASP.NET Core configuration.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the validating admission webhook (HTTPS). Configuration: --WiGuard:Mode=Enforce, --urls=https://0.0.0.0:10250, env WiGuard__X__Y.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                await using var app = WiGuardHost.Build([.. parseResult.UnmatchedTokens]);
                await app.RunAsync(cancellationToken);
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or IOException or StartupException)
            {
                // A configuration mistake deserves one clear line, not a stack trace.
                await Console.Error.WriteLineAsync($"wiguard serve: {ex.Message}");
                return ExitCodes.UsageError;
            }
        });
        return command;
    }
}
