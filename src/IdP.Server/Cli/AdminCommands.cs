using System.CommandLine;
using IdP.Core.Accounts;
using IdP.Core.Administration;

namespace IdP.Server.Cli;

/// <summary>
/// <c>admin create</c>: the first administrator (and later ones), through <see cref="Administrators"/>: a local account
/// under the administrator password rules, given the administrator role; both changes audited.
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

        return new Command("admin", CliText.Get("AdminDescription")) { create };
    }

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
