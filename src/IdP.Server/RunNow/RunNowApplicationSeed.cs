namespace IdP.Server.RunNow;

/// <summary>
/// Creates the built-in Run now application at start-up, or removes it when Run now is switched off so its client id
/// stops working at once. It has no registered reply URL: its viewer is checked per request.
/// </summary>
internal sealed class RunNowApplicationSeed(AppRegistrationService applications, IOptions<RunNowOptions> options) : IStartupSeed
{
    public async Task SeedAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await applications.SaveAsync(new AppRegistration(RunNowApplication.ClientId, "Run now (built-in token viewer)")
            {
                AllowImplicitIdToken = true,
            }, cancellationToken);
            return;
        }

        await applications.DeleteAsync(RunNowApplication.ClientId, cancellationToken);
    }
}
