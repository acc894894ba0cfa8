namespace IdP.Server.PasswordReset;

/// <summary>Writes <c>IdP:PasswordReset:Mode</c>/<c>GroupId</c> to the database while it holds no reset setting yet.</summary>
internal sealed class PasswordResetSeed(PasswordResetSettingsService settings, IOptions<PasswordResetOptions> options, ILogger<PasswordResetSeed> logger) : IStartupSeed
{
    public async Task SeedAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        switch (await settings.ApplyInitialAsync(options.Value, cancellationToken))
        {
            case InitialSettings.Applied({ Mode: PasswordResetMode.Selected, GroupId: { } groupId }):
                Log.InitialSelectedModeApplied(logger, groupId);
                break;
            case InitialSettings.Applied(var applied):
                Log.InitialModeApplied(logger, applied.Mode);
                break;
            case InitialSettings.DatabaseWins(var stored, var configured):
                Log.DatabaseWins(logger, configured.Mode, stored.Mode);
                break;
            default:
                break;
        }
    }
}
