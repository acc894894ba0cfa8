namespace IdP.Server.Admin.Portal;

/// <summary>
/// At start-up: the portal's built-in application (removed when the portal is off, so its client id stops working), a
/// warning when the portal's flow does not exist, and the first administrator from <c>IdP:Admin:Bootstrap</c> while
/// nobody holds the role.
/// </summary>
internal sealed partial class PortalSeed(
    AppRegistrationService applications,
    UserFlowService flows,
    Administrators administrators,
    AccountService accounts,
    IOptions<PortalOptions> portal,
    IOptions<AdminBootstrapOptions> bootstrap,
    ILogger<PortalSeed> logger) : IStartupSeed
{
    /// <summary>The actor the audit log names for the bootstrap.</summary>
    public const string BootstrapActor = "configuration (IdP:Admin:Bootstrap)";

    public async Task SeedAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        if (portal.Value.Enabled)
        {
            // No reply URL is registered: PortalRedirectUriRule accepts the callback on the origin of the sign-in.
            var saved = await applications.SaveAsync(new AppRegistration(PortalApplication.ClientId, "Admin portal (built-in)"), cancellationToken);
            if (saved is AppChange.Invalid invalid)
            {
                throw new InvalidOperationException("The admin portal's application could not be registered: " + string.Join(" ", invalid.Errors.Select(e => e.Message)));
            }

            // Not a start-up failure: an operator may create the flow next (CLI, admin API), and the rest of the server
            // works without the portal. Without this line, /admin's "flow not found" would be all there is to go on.
            if (await flows.FindAsync(portal.Value.Policy, cancellationToken) is null)
            {
                Log.PortalFlowMissing(logger, portal.Value.Policy);
            }
        }
        else
        {
            await applications.DeleteAsync(PortalApplication.ClientId, cancellationToken);
        }

        await BootstrapAsync(cancellationToken);
    }

    private async Task BootstrapAsync(CancellationToken cancellationToken)
    {
        if (bootstrap.Value.Email is not { Length: > 0 } email || (await administrators.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var account = await accounts.FindBySignInNameAsync(SignInNameKind.Email, email, cancellationToken);
        var result = account is not null
            ? await administrators.GrantAsync(account.Id, BootstrapActor, cancellationToken)
            : await administrators.CreateAsync(new NewUserDocument { SignInEmail = email, Password = bootstrap.Value.Password, DisplayName = "Administrator" }, BootstrapActor, cancellationToken);
        if (result is AdminResult<UserDetails>.Invalid refused)
        {
            throw new OptionsValidationException(AdminBootstrapOptions.Section, typeof(AdminBootstrapOptions),
                [.. refused.Errors.Select(e => $"IdP:Admin:Bootstrap: {(e.Field.Contains("password", StringComparison.OrdinalIgnoreCase) ? "Password" : "Email")}: {e.Message}")]);
        }

        Log.BootstrapAdministrator(logger, account is null ? "created" : "granted the role");
    }

    private static partial class Log
    {
        [LoggerMessage(6406, LogLevel.Warning, "IdP:Admin:Portal:Policy is {Policy}, and no user flow has that name: administrators cannot sign in to /admin until the flow is created (or the setting names an existing sign-in flow).")]
        public static partial void PortalFlowMissing(ILogger logger, string policy);

        [LoggerMessage(6401, LogLevel.Warning, "The first administrator came from IdP:Admin:Bootstrap (account {Action}); remove the password from configuration now that it is stored.")]
        public static partial void BootstrapAdministrator(ILogger logger, string action);
    }
}
