using System.CommandLine;

namespace WiGuard.Cli;

/// <summary>The <c>wiguard</c> executable: one verb per static class.</summary>
public static class WiGuardCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("WiGuard stops GKE Workload Identity misconfigurations before they ship.")
        {
            ServeCommand.Create(),
        };
        return await root.Parse(args).InvokeAsync();
    }
}
