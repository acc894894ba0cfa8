namespace IdP.Server.Cli;

/// <summary>
/// <c>admin create</c>: the first administrator (and later ones), through <see cref="Administrators"/>: a local account
/// under the administrator password rules, given the administrator role; both changes audited. <c>admin grant</c> and
/// <c>admin revoke</c> give an existing account the role or take it away (the same calls, and audit events, as the
/// admin API's and the portal's; the last administrator keeps the role).
/// </summary>
internal static class AdminCommands
{
    /// <summary>The environment variable the password is read from when no option gives it.</summary>
    public const string PasswordVariable = "IDP_ADMIN_PASSWORD";

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["signInEmail"] = "--email",
        ["password"] = "--password",
        ["displayName"] = "--display-name",
    };

    public static Command Create(CliHost cli)
    {
        var email = new Option<string>("--email") { Description = CliText.Get("AdminEmailOption"), Required = true, HelpName = "address" };
        var password = new Option<string?>("--password") { Description = CliText.Format("AdminPasswordOption", PasswordVariable), HelpName = "password" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = CliText.Get("AdminPasswordStdinOption") };
        var displayName = new Option<string?>("--display-name") { Description = CliText.Get("AdminDisplayNameOption"), HelpName = "name" };
        var create = new Command("create", CliText.Format("AdminCreateDescription", PasswordVariable)) { email, password, passwordStdin, displayName };
        create.Validators.Add(result =>
        {
            if (result.GetResult(password) is not null && result.GetValue(passwordStdin))
            {
                result.AddError(CliText.Get("AdminPasswordTwice"));
            }
        });

        create.SetAction((parsed, cancellationToken) =>
        {
            var secret = ReadPassword(cli.Console, parsed.GetValue(password), parsed.GetValue(passwordStdin));
            if (secret is null)
            {
                return Task.FromResult(cli.Fail(parsed.GetValue(passwordStdin) ? CliText.Get("AdminPasswordStdinEmpty") : CliText.Format("AdminPasswordMissing", PasswordVariable)));
            }

            return cli.RunAsync(initialize: true, async (services, token) =>
            {
                var document = new NewUserDocument { SignInEmail = parsed.GetValue(email), Password = secret, DisplayName = parsed.GetValue(displayName) };
                switch (await services.GetRequiredService<Administrators>().CreateAsync(document, CliHost.Actor, token))
                {
                    case AdminResult<UserDetails>.Done { Value: var user }:
                        cli.Console.Out.WriteLine(CliText.Format("AdminCreated", user.SignInEmail, user.Id, Administrators.Role));
                        return CliExit.Ok;
                    case AdminResult<UserDetails>.Invalid invalid:
                        return CliFieldErrors.Print(cli, invalid.Errors, Fields);
                    default:
                        return cli.Fail(CliText.Get("AdminNotCreated"));
                }
            }, cancellationToken);
        });

        return new Command("admin", CliText.Get("AdminDescription")) { create, RoleCommand(cli, grant: true), RoleCommand(cli, grant: false) };
    }

    private static Command RoleCommand(CliHost cli, bool grant)
    {
        var name = new Argument<string>("SIGN-IN-NAME") { Description = CliText.Get("AdminSignInNameArgument") };
        var command = new Command(grant ? "grant" : "revoke", CliText.Get(grant ? "AdminGrantDescription" : "AdminRevokeDescription")) { name };
        command.SetAction((parsed, cancellationToken) => cli.RunAsync(initialize: true, async (services, token) =>
        {
            var signInName = parsed.GetValue(name)!.Trim();
            if (await FindAsync(services.GetRequiredService<AccountService>(), signInName, token) is not { } account)
            {
                return cli.Fail(CliText.Format("AdminNoSuchAccount", signInName));
            }

            var administrators = services.GetRequiredService<Administrators>();
            var wasAdministrator = await administrators.IsAdministratorAsync(account.Id, token);
            var result = grant
                ? await administrators.GrantAsync(account.Id, CliHost.Actor, token)
                : await administrators.RevokeAsync(account.Id, CliHost.Actor, token);
            switch (result)
            {
                case AdminResult<UserDetails>.Done:
                    var message = (grant, wasAdministrator) switch
                    {
                        (true, false) => "AdminGranted",
                        (true, true) => "AdminAlreadyGranted",
                        (false, true) => "AdminRevoked",
                        (false, false) => "AdminNotAnAdministrator",
                    };
                    cli.Console.Out.WriteLine(CliText.Format(message, signInName, account.Id, Administrators.Role));
                    return CliExit.Ok;
                case AdminResult<UserDetails>.NotFound:
                    return cli.Fail(CliText.Format("AdminNoSuchAccount", signInName));
                case AdminResult<UserDetails>.Invalid invalid:
                    return cli.Fail(string.Join(" ", invalid.Errors.Select(e => e.Message)));
                default:
                    return cli.Fail(CliText.Get(grant ? "AdminNotGranted" : "AdminNotRevoked"));
            }
        }, cancellationToken));
        return command;
    }

    // Usernames cannot contain '@' (SignInNameNormalizer), so the name itself says which kind it is.
    private static Task<Account?> FindAsync(AccountService accounts, string signInName, CancellationToken cancellationToken) =>
        signInName.Length == 0
            ? Task.FromResult<Account?>(null)
            : accounts.FindBySignInNameAsync(signInName.Contains('@', StringComparison.Ordinal) ? SignInNameKind.Email : SignInNameKind.Username, signInName, cancellationToken);

    // Never prompted for: containers and scripts have no terminal. Standard input and the environment keep the
    // password out of the process list and shell history; --password is there for throw-away setups.
    private static string? ReadPassword(CliConsole console, string? fromOption, bool fromStdin)
    {
        if (fromStdin)
        {
            return console.In.ReadLine() is { Length: > 0 } line ? line : null;
        }

        return fromOption ?? (console.Environment(PasswordVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
    }
}
