namespace IdP.Server.Cli;

/// <summary>
/// <c>apps add</c>: registers an application through <see cref="AppAdministration"/> (the admin API's rules and audit
/// events), and with <c>--secret</c> generates its first client secret, printed once. Both happen or neither does.
/// </summary>
internal static class AppsCommands
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["clientId"] = "--client-id",
        ["displayName"] = "--name",
        ["redirectUris"] = "--redirect-uri",
        ["spaRedirectUris"] = "--spa-redirect-uri",
        ["publicClientRedirectUris"] = "--public-client-redirect-uri",
        ["postLogoutRedirectUris"] = "--post-logout-redirect-uri",
        ["appIdUri"] = "--app-id-uri",
        ["apiScopes"] = "--scope",
        ["apiPermissions"] = "--api-permission",
        ["description"] = "--secret-description",
        ["expiresAt"] = "--secret-expires",
        ["clientSecrets"] = "--secret",
    };

    public static Command Create(CliHost cli)
    {
        var clientId = new Option<string>("--client-id") { Description = CliText.Get("AppsClientIdOption"), Required = true, HelpName = "id" };
        var name = new Option<string?>("--name") { Description = CliText.Get("AppsNameOption"), HelpName = "display name" };
        var redirectUris = CliValues.Many("--redirect-uri", CliText.Get("AppsRedirectUriOption"), "url");
        var spaRedirectUris = CliValues.Many("--spa-redirect-uri", CliText.Get("AppsSpaRedirectUriOption"), "url");
        var publicClientRedirectUris = CliValues.Many("--public-client-redirect-uri", CliText.Get("AppsPublicClientRedirectUriOption"), "url");
        var postLogoutRedirectUris = CliValues.Many("--post-logout-redirect-uri", CliText.Get("AppsPostLogoutRedirectUriOption"), "url");
        var implicitIdToken = new Option<bool>("--allow-implicit-id-token") { Description = CliText.Get("AppsImplicitIdTokenOption") };
        var implicitAccessToken = new Option<bool>("--allow-implicit-access-token") { Description = CliText.Get("AppsImplicitAccessTokenOption") };
        var clientCredentials = new Option<bool>("--allow-client-credentials") { Description = CliText.Get("AppsClientCredentialsOption") };
        var adminApiAccess = new Option<bool>("--admin-api-access") { Description = CliText.Get("AppsAdminApiAccessOption") };
        var appIdUri = new Option<string?>("--app-id-uri") { Description = CliText.Get("AppsAppIdUriOption"), HelpName = "url" };
        var scopes = CliValues.Many("--scope", CliText.Get("AppsScopeOption"), "name");
        var permissions = CliValues.Many("--api-permission", CliText.Get("AppsApiPermissionOption"), "scope");
        var secret = new Option<bool>("--secret") { Description = CliText.Get("AppsSecretOption") };
        var secretDescription = new Option<string?>("--secret-description") { Description = CliText.Get("AppsSecretDescriptionOption"), HelpName = "text" };
        var secretExpires = CliValues.Time("--secret-expires", CliText.Get("AppsSecretExpiresOption"));
        var add = new Command("add", CliText.Get("AppsAddDescription"))
        {
            clientId, name, redirectUris, spaRedirectUris, publicClientRedirectUris, postLogoutRedirectUris, implicitIdToken,
            implicitAccessToken, clientCredentials, adminApiAccess, appIdUri, scopes, permissions, secret, secretDescription, secretExpires,
        };
        add.Validators.Add(result =>
        {
            if (!result.GetValue(secret) && (result.GetResult(secretDescription) is not null || result.GetResult(secretExpires) is not null))
            {
                result.AddError(CliText.Get("AppsSecretOptionsWithoutSecret"));
            }
        });

        add.SetAction((parsed, cancellationToken) => cli.RunAsync(initialize: true, async (services, token) =>
        {
            var input = new ApplicationInput
            {
                ClientId = parsed.GetValue(clientId),
                DisplayName = parsed.GetValue(name) ?? parsed.GetValue(clientId),
                RedirectUris = parsed.GetValue(redirectUris),
                SpaRedirectUris = parsed.GetValue(spaRedirectUris),
                PublicClientRedirectUris = parsed.GetValue(publicClientRedirectUris),
                PostLogoutRedirectUris = parsed.GetValue(postLogoutRedirectUris) is { Length: > 0 } postLogout ? postLogout : null,
                AllowImplicitIdToken = parsed.GetValue(implicitIdToken),
                AllowImplicitAccessToken = parsed.GetValue(implicitAccessToken),
                AllowClientCredentials = parsed.GetValue(clientCredentials),
                AdminApiAccess = parsed.GetValue(adminApiAccess),
                AppIdUri = parsed.GetValue(appIdUri),
                ApiScopes = [.. (parsed.GetValue(scopes) ?? []).Select(s => new ApiScope(s))],
                ApiPermissions = parsed.GetValue(permissions),
            };
            var administration = services.GetRequiredService<AppAdministration>();
            NewSecret? generated = null;
            var result = await CliTransaction.AllOrNothingAsync(services, async () =>
            {
                var created = await administration.CreateAsync(input, CliHost.Actor, token);
                if (created is not AdminResult<ApplicationDetails>.Done || !parsed.GetValue(secret))
                {
                    return created;
                }

                var added = await administration.AddSecretAsync(input.ClientId!, parsed.GetValue(secretDescription), parsed.GetValue(secretExpires), CliHost.Actor, token);
                if (added is AdminResult<NewSecret>.Done { Value: var value })
                {
                    generated = value;
                    return await administration.GetAsync(input.ClientId!, token);
                }

                return added is AdminResult<NewSecret>.Invalid invalid
                    ? new AdminResult<ApplicationDetails>.Invalid(invalid.Errors)
                    : new AdminResult<ApplicationDetails>.NotFound();
            }, token);

            switch (result)
            {
                case AdminResult<ApplicationDetails>.Done { Value: var application }:
                    Print(cli.Console.Out, application, generated);
                    return CliExit.Ok;
                case AdminResult<ApplicationDetails>.Invalid invalid:
                    return CliFieldErrors.Print(cli, invalid.Errors, Fields);
                default:
                    return cli.Fail(CliText.Get("AppsNotCreated"));
            }
        }, cancellationToken));

        return new Command("apps", CliText.Get("AppsDescription")) { add };
    }

    private static void Print(TextWriter output, ApplicationDetails application, NewSecret? secret)
    {
        output.WriteLine(CliText.Format("AppsRegistered", application.ClientId, application.DisplayName));
        void List(string label, IEnumerable<string> values)
        {
            foreach (var value in values)
            {
                output.WriteLine($"  {label}: {value}");
            }
        }

        List(CliText.Get("AppsWebLabel"), application.RedirectUris);
        List(CliText.Get("AppsSpaLabel"), application.SpaRedirectUris);
        List(CliText.Get("AppsPublicClientLabel"), application.PublicClientRedirectUris);
        List(CliText.Get("AppsApiLabel"), application.AppIdUri is { } uri ? application.ApiScopes.Select(s => $"{uri}/{s.Name}") : []);
        List(CliText.Get("AppsPermissionLabel"), application.ApiPermissions);
        if (secret is not null)
        {
            output.WriteLine(CliText.Format("AppsSecretCreated", secret.Secret.Id, secret.Secret.ExpiresAt is { } expires ? CliText.Time(expires) : "-"));
            output.WriteLine(CliText.Format("AppsSecretValue", secret.Value));
        }
    }
}
