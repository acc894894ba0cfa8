namespace IdP.Server.Tests.Telemetry;

/// <summary>
/// Every flow (failed and successful sign-in, code and refresh grants with a client secret and PKCE, a reset with a
/// mailed code, Run now, the admin API) with every log category at Trace: no password, code, token, verifier, secret
/// or cookie value reaches a log message, a structured value, a scope or an exception.
/// </summary>
public abstract class NoSecretsInLogsTests<TDatabase>(EveryFlowFactory<TDatabase> factory)
    where TDatabase : ITestDatabase, new()
{
    private const string NewPassword = "Fresh-Garden-42-Trace";

    [Fact]
    public async Task No_secret_of_any_flow_reaches_any_log_at_trace()
    {
        var secrets = new List<(string What, string Value)>();
        var clientSecret = "app-secret-" + Guid.NewGuid().ToString("N");
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync(secret: clientSecret);
        secrets.Add(("password", user.Password));
        secrets.Add(("client secret", clientSecret));

        // A wrong password, then the right one: code flow with PKCE, redeemed with the client secret, then refreshed.
        using var app = factory.CreateBrowser();
        var wrongPassword = "Wrong-Horse-" + Guid.NewGuid().ToString("N")[..8];
        secrets.Add(("wrong password", wrongPassword));
        var failed = SignInPage.On(app, await (await SignInPage.OpenAsync(app, client.Authorize())).SignInAsync(user.Email, wrongPassword));
        Assert.NotNull(failed.Error);
        var request = client.Authorize();
        secrets.Add(("code verifier", request.CodeVerifier));
        var code = (await app.SignInThroughFormAsync(request, user)).ToApp()["code"]!;
        secrets.Add(("authorization code", code));
        var tokens = await client.RedeemCodeAsync(request, code);
        Assert.Equal(200, tokens.Status);
        AddTokens(secrets, tokens, "first");
        var refreshed = await client.RefreshAsync(tokens["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);
        AddTokens(secrets, refreshed, "refreshed");

        // A reset with a mailed code, ending with a code at the app.
        using var resetting = factory.CreateBrowser();
        var resetRequest = client.Authorize();
        secrets.Add(("reset code verifier", resetRequest.CodeVerifier));
        var step1 = await IdP.Server.Tests.PasswordReset.ResetTestExtensions.OpenResetFromSignInAsync(resetting, resetRequest);
        var sent = ResetPasswordPage.On(resetting, await step1.SendCodeAsync(user.Email));
        var resetCode = await factory.Smtp.WaitForCodeAsync(user.Email);
        secrets.Add(("reset code", resetCode));
        var verified = ResetPasswordPage.On(resetting, await sent.VerifyAsync(resetCode));
        Assert.NotNull(verified.Success);
        var afterReset = (await verified.SetNewPasswordAsync(NewPassword)).ToApp();
        secrets.Add(("new password", NewPassword));
        secrets.Add(("authorization code after reset", afterReset["code"]!));
        Assert.Equal(200, (await client.RedeemCodeAsync(resetRequest, afterReset["code"]!)).Status);

        // Run now with a code: the viewer redeems it and shows every token.
        using var developer = factory.CreateBrowser();
        var runNowSignIn = SignInPage.On(developer, await developer.NavigateAsync($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/run-now?response_type=code"));
        var formPost = await runNowSignIn.SignInAsync(user.Email, NewPassword);
        secrets.Add(("run now code", formPost.Document!.QuerySelector("input[name=code]")!.GetAttribute("value")!));
        var viewer = await RunNowViewerPage.ReceiveAsync(developer, formPost);
        Assert.Equal("tokens", viewer.Outcome);
        foreach (var section in new[] { RunNowElementIds.IdToken, RunNowElementIds.AccessToken, RunNowElementIds.RefreshToken })
        {
            AddToken(secrets, "run now " + section, viewer.RawToken(section)!);
        }

        // The admin API: a client-credentials token with the bootstrap secret, then a call with it.
        var admin = new AdminApiClient(factory);
        AddToken(secrets, "admin access token", await admin.TokenAsync());
        secrets.Add(("admin client secret", AdminApiClient.Secret));
        Assert.Equal(200, (await admin.GetAsync("users")).Status);

        foreach (var cookie in new[] { app, resetting, developer }.SelectMany(b => b.Cookies.GetAllCookies()))
        {
            secrets.Add(($"cookie {cookie.Name}", cookie.Value));
        }

        var entries = factory.Logs.Entries;
        // Trace really was on for the protocol and the framework, or this test would prove nothing.
        Assert.Contains(entries, e => e.Category.StartsWith("OpenIddict.Server", StringComparison.Ordinal) && e.Level <= LogLevel.Debug);
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        Assert.All(secrets, s => Assert.True(s.Value.Length >= 6, $"{s.What} is too short to search for: '{s.Value}'"));
        var leaks = (from entry in entries
                     from secret in secrets
                     where entry.Everything.Contains(secret.Value, StringComparison.Ordinal)
                     select $"{secret.What} in {entry.Category} ({entry.Level}, event {entry.EventId}): {Excerpt(entry.Everything, secret.Value)}").Distinct().ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} secret(s) logged:\n" + string.Join("\n", leaks.Take(30)));
    }

    private static void AddTokens(List<(string What, string Value)> secrets, TokenResponse tokens, string which)
    {
        foreach (var name in new[] { "id_token", "access_token", "refresh_token" })
        {
            AddToken(secrets, $"{which} {name}", tokens[name] ?? throw new InvalidOperationException($"No {name} in the {which} response."));
        }
    }

    // The whole token, and for a JWT its signature alone (a log could print a token cut at its payload).
    private static void AddToken(List<(string What, string Value)> secrets, string what, string token)
    {
        secrets.Add((what, token));
        if (token.Split('.') is [_, _, var signature] && signature.Length > 0)
        {
            secrets.Add((what + " signature", signature));
        }
    }

    private static string Excerpt(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var start = Math.Max(0, at - 200);
        return text[start..Math.Min(text.Length, at + secret.Length + 50)].ReplaceLineEndings(" ");
    }
}

public sealed class NoSecretsInLogsTestsOnSqlite(EveryFlowFactory<Sqlite> factory) : NoSecretsInLogsTests<Sqlite>(factory), IClassFixture<EveryFlowFactory<Sqlite>>;

public sealed class NoSecretsInLogsTestsOnPostgres(EveryFlowFactory<Postgres> factory) : NoSecretsInLogsTests<Postgres>(factory), IClassFixture<EveryFlowFactory<Postgres>>;
