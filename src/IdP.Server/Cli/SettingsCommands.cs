namespace IdP.Server.Cli;

/// <summary>
/// <c>settings password-reset [MODE] [--group ID]</c>: B2C's "Self service password reset enabled" switch through
/// <see cref="PasswordResetAdministration"/> (stored in the database, so every running node sees it at once); without a
/// mode it prints the current one.
/// </summary>
internal static class SettingsCommands
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["mode"] = "MODE",
        ["groupId"] = "--group",
    };

    public static Command Create(CliHost cli)
    {
        var mode = CliValues.EnumArgument<PasswordResetMode>("MODE", CliText.Get("SettingsModeArgument"));
        mode.Arity = ArgumentArity.ZeroOrOne;
        var group = new Option<string?>("--group") { Description = CliText.Get("SettingsGroupOption"), HelpName = "id or name" };
        var passwordReset = new Command("password-reset", CliText.Get("SettingsPasswordResetDescription")) { mode, group };
        passwordReset.Validators.Add(result =>
        {
            if (result.GetResult(group) is not null && result.GetValue(mode) != PasswordResetMode.Selected)
            {
                result.AddError(CliText.Get("SettingsGroupWithoutSelected"));
            }
        });

        passwordReset.SetAction((parsed, cancellationToken) => cli.RunAsync(initialize: true, async (services, token) =>
        {
            var administration = services.GetRequiredService<PasswordResetAdministration>();
            var before = await administration.GetAsync(token);
            if (parsed.GetValue(mode) is not { } wanted)
            {
                cli.Console.Out.WriteLine(CliText.Format("SettingsCurrent", await DescribeAsync(services, before, token)));
                return CliExit.Ok;
            }

            Guid? groupId = null;
            if (parsed.GetValue(group) is { } named)
            {
                if (await FindGroupAsync(services, named, token) is not { } found)
                {
                    return cli.Fail(CliText.Format("SettingsNoSuchGroup", named));
                }

                groupId = found;
            }

            switch (await administration.ChangeAsync(new PasswordResetSettingsInput { Mode = wanted, GroupId = groupId }, CliHost.Actor, token))
            {
                case AdminResult<PasswordResetSettings>.Done { Value: var after }:
                    cli.Console.Out.WriteLine(CliText.Format("SettingsChanged", await DescribeAsync(services, after, token), await DescribeAsync(services, before, token)));
                    return CliExit.Ok;
                case AdminResult<PasswordResetSettings>.Invalid invalid:
                    return CliFieldErrors.Print(cli, invalid.Errors, Fields);
                default:
                    return cli.Fail(CliText.Get("SettingsNotChanged"));
            }
        }, cancellationToken));

        return new Command("settings", CliText.Get("SettingsDescription")) { passwordReset };
    }

    // Scripts know the group's id; people know its name. Names are unique (GroupAdministration's rule).
    private static async Task<Guid?> FindGroupAsync(IServiceProvider services, string idOrName, CancellationToken cancellationToken)
    {
        var groups = await services.GetRequiredService<GroupAdministration>().ListAsync(cancellationToken);
        return Guid.TryParse(idOrName, out var id)
            ? groups.FirstOrDefault(g => g.Id == id)?.Id ?? id
            : groups.FirstOrDefault(g => string.Equals(g.Name, idOrName, StringComparison.Ordinal))?.Id;
    }

    private static async Task<string> DescribeAsync(IServiceProvider services, PasswordResetSettings settings, CancellationToken cancellationToken)
    {
        if (settings.GroupId is not { } id)
        {
            return settings.Mode.ToString();
        }

        var name = (await services.GetRequiredService<GroupAdministration>().ListAsync(cancellationToken)).FirstOrDefault(g => g.Id == id)?.Name;
        return CliText.Format("SettingsWithGroup", settings.Mode, name ?? "?", id);
    }
}
