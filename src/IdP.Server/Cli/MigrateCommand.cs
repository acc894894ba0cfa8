namespace IdP.Server.Cli;

/// <summary>
/// <c>migrate</c>: applies the database migrations the server would apply at start-up, as a deployment step of its own
/// (then run the servers with <c>IdP:Database:ApplyMigrations=false</c>); whatever that setting says, it migrates.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliHost cli)
    {
        var migrate = new Command("migrate", CliText.Get("MigrateDescription"));
        migrate.SetAction((parsed, cancellationToken) => cli.RunAsync(initialize: false, async (services, token) =>
        {
            var provider = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
            var applied = await services.GetRequiredService<IdPInitializer>().MigrateAsync(token);
            foreach (var migration in applied)
            {
                cli.Console.Out.WriteLine(CliText.Format("MigrateApplied", migration));
            }

            cli.Console.Out.WriteLine(applied.Count == 0 ? CliText.Format("MigrateUpToDate", provider) : CliText.Format("MigrateDone", provider, applied.Count));
            return CliExit.Ok;
        }, cancellationToken));
        return migrate;
    }
}
