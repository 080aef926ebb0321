using WiGuard.Cli;

return await WiGuardCommand.RunAsync(args);
