using Npgsql;

namespace IdP.Server.Tests.Cluster;

/// <summary>
/// Several nodes are one server to users: each step of a journey may land on any node, and everything a node decides
/// from (journeys, codes and their limits, lockout counters, tokens and keys, the reset switch) is in the database.
/// </summary>
public sealed class TwoNodesTests(TwoNodes cluster) : IClassFixture<TwoNodes>
{
    private const string Password = "Correct-Horse-9";
    private const string NewPassword = "Fresh-Garden-42";
    private const string SignInThrottled = "There are too many requests at this moment. Please wait for some time and try again.";
    private const string ResetThrottled = "There have been too many requests to verify this email address. Please wait a while, then try again.";

    [Fact]
    public async Task A_reset_started_on_one_node_finishes_on_the_other_with_code_limits_shared()
    {
        var email = await cluster.CreateUserAsync(Password);
        var (browser, choice) = cluster.Browser();
        using var _ = browser;
        var request = Authorize("openid offline_access");

        choice.Node = "a";
        var step1 = await browser.OpenResetFromSignInAsync(request);
        var sent = ResetPasswordPage.On(browser, await step1.SendCodeAsync(email));
        var code = await cluster.Smtp.WaitForCodeAsync(email);

        // Node b knows the journey and the address's cooldown that node a started.
        choice.Node = "b";
        var resent = ResetPasswordPage.On(browser, await sent.SendNewCodeAsync());
        Assert.NotNull(resent.Error);
        var verified = ResetPasswordPage.On(browser, await resent.VerifyAsync(code));
        Assert.NotNull(verified.Success);
        choice.Node = "a";
        var step2 = await verified.ContinueToNewPasswordAsync();
        choice.Node = "b";
        var app = (await step2.SetPasswordAsync(NewPassword)).ToApp();
        Assert.Equal(request.State, app["state"]);

        var tokens = await cluster.TokenAsync("a", Redemption(request, app["code"]!));
        Assert.Equal(200, tokens.Status);
    }

    [Fact]
    public async Task Codes_refresh_tokens_and_access_tokens_from_one_node_are_honoured_by_the_other()
    {
        var email = await cluster.CreateUserAsync(Password);
        var (browser, choice) = cluster.Browser();
        using var _ = browser;
        var request = Authorize("openid offline_access");

        choice.Node = "a";
        var code = (await (await SignInPage.OpenAsync(browser, request)).SignInAsync(email, Password)).ToApp()["code"]!;
        var tokens = await cluster.TokenAsync("b", Redemption(request, code));
        Assert.Equal(200, tokens.Status);
        var refreshed = await cluster.TokenAsync("a", Refresh(tokens["refresh_token"]!));
        Assert.Equal(200, refreshed.Status);
        // Rotation is shared too: the redeemed refresh token is refused by the other node.
        var replay = await cluster.TokenAsync("b", Refresh(tokens["refresh_token"]!));
        Assert.Equal(400, replay.Status);

        Assert.Equal(200, (await cluster.AdminAsync("b", await cluster.AdminTokenAsync("a"), HttpMethod.Get, "users")).Status);
        Assert.Equal(200, (await cluster.AdminAsync("a", await cluster.AdminTokenAsync("b"), HttpMethod.Get, "users")).Status);

        // Both nodes publish the key that signed the ID token, and the same issuer (the proxy's host).
        var idToken = new JsonWebToken(tokens["id_token"]);
        Assert.Contains(idToken.Kid, await SigningKidsAsync("a"));
        Assert.Contains(idToken.Kid, await SigningKidsAsync("b"));
        Assert.Equal(await IssuerAsync("a"), await IssuerAsync("b"));
        Assert.Equal(await IssuerAsync("a"), idToken.Issuer);
    }

    [Fact]
    public async Task Wrong_passwords_on_either_node_count_towards_one_lockout()
    {
        var email = await cluster.CreateUserAsync(Password);
        var (browser, choice) = cluster.Browser();
        using var _ = browser;
        var request = Authorize("openid");

        var errors = new List<string?>();
        for (var attempt = 0; attempt < TwoNodes.MaxFailedAttempts; attempt++)
        {
            choice.Node = attempt % 2 == 0 ? "a" : "b";
            errors.Add(SignInPage.On(browser, await (await SignInPage.OpenAsync(browser, request)).SignInAsync(email, "Wrong-Horse-1")).Error);
        }

        choice.Node = "b";
        var rightPassword = SignInPage.On(browser, await (await SignInPage.OpenAsync(browser, request)).SignInAsync(email, Password));

        Assert.Equal("Invalid username or password.", errors[0]);
        Assert.Equal("Your account is temporarily locked to prevent unauthorized use. Try again later.", errors[^1]);
        Assert.Equal(errors[^1], rightPassword.Error);
    }

    [Fact]
    public async Task Sign_in_posts_from_one_address_split_over_both_nodes_are_refused_past_the_configured_total()
    {
        var (browser, choice) = cluster.Browser();
        using var _ = browser;
        var request = Authorize("openid");

        // A different name each time, so the per-name lockout plays no part: only the per-address limit can refuse.
        var answers = new List<Navigation>();
        for (var attempt = 0; attempt <= TwoNodes.SignInAttemptsPerAddress + 1; attempt++)
        {
            choice.Node = attempt % 2 == 0 ? "a" : "b";
            var page = await SignInPage.OpenAsync(browser, request);
            answers.Add(await page.SignInAsync($"nobody-{attempt}-{Guid.NewGuid():N}@example.com", "Wrong-Horse-1"));
        }

        // Neither node alone saw more than half the limit, yet the posts past it are refused, on both nodes.
        Assert.All(answers.Take(TwoNodes.SignInAttemptsPerAddress), a => Assert.Equal("Invalid username or password.", SignInPage.On(browser, a).Error));
        Assert.All(answers.Skip(TwoNodes.SignInAttemptsPerAddress), a =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, a.Status);
            Assert.Equal(SignInThrottled, SignInPage.On(browser, a).Error);
        });

        // Another client (another network) is not held back.
        var (other, otherChoice) = cluster.Browser();
        using var __ = other;
        otherChoice.Node = "b";
        var elsewhere = await (await SignInPage.OpenAsync(other, request)).SignInAsync($"nobody-{Guid.NewGuid():N}@example.com", "Wrong-Horse-1");
        Assert.Equal("Invalid username or password.", SignInPage.On(other, elsewhere).Error);
    }

    [Fact]
    public async Task Reset_codes_one_address_asks_for_on_both_nodes_are_refused_past_the_configured_total()
    {
        var (browser, choice) = cluster.Browser();
        using var _ = browser;
        var request = Authorize("openid");

        var pages = new List<ResetPasswordPage>();
        for (var send = 0; send <= TwoNodes.ResetCodeSendsPerAddress; send++)
        {
            choice.Node = send % 2 == 0 ? "b" : "a";
            var step1 = await browser.OpenResetFromSignInAsync(request);
            pages.Add(ResetPasswordPage.On(browser, await step1.SendCodeAsync($"limit-{send}-{Guid.NewGuid():N}@example.com")));
        }

        Assert.All(pages.SkipLast(1), p => Assert.Equal(HttpStatusCode.OK, p.Page.Status));
        Assert.All(pages.SkipLast(1), p => Assert.NotNull(p.Info));
        Assert.Equal(HttpStatusCode.TooManyRequests, pages[^1].Page.Status);
        Assert.Equal(ResetThrottled, pages[^1].Error);
    }

    [Fact]
    public async Task The_password_reset_switch_changes_on_both_nodes_at_once()
    {
        var token = await cluster.AdminTokenAsync("a");
        try
        {
            Assert.Equal(200, (await cluster.AdminAsync("a", token, HttpMethod.Put, "settings/password-reset", new { mode = "None" })).Status);
            Assert.False(await OffersResetAsync("a"));
            Assert.False(await OffersResetAsync("b"));

            Assert.Equal(200, (await cluster.AdminAsync("b", token, HttpMethod.Put, "settings/password-reset", new { mode = "All" })).Status);
            Assert.True(await OffersResetAsync("a"));
            Assert.True(await OffersResetAsync("b"));
        }
        finally
        {
            await cluster.AdminAsync("a", token, HttpMethod.Put, "settings/password-reset", new { mode = "All" });
        }
    }

    [Fact]
    public async Task A_signing_key_rotation_is_seen_and_used_by_both_nodes()
    {
        var before = new JsonWebToken(await cluster.AdminTokenAsync("a")).Kid;

        // What the schedule does when the signing period ends: the active key retires in a few seconds, so the next
        // refresh on either node publishes its successor, which starts signing when the old key retires.
        var retiresAt = DateTimeOffset.UtcNow.AddSeconds(6);
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""UPDATE "SigningKeys" SET "RetiresAt" = @at WHERE "Id" = @id""", connection);
            command.Parameters.AddWithValue("at", retiresAt);
            command.Parameters.AddWithValue("id", before);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var successor = await EventuallyAsync(async () =>
        {
            var a = await SigningKidsAsync("a");
            var b = await SigningKidsAsync("b");
            return a.Except([before]).Intersect(b).FirstOrDefault();
        });
        Assert.NotNull(successor);

        // Once the old key retires, each node signs with the successor.
        var fromA = await EventuallyAsync(async () => await cluster.AdminTokenAsync("a") is var t && new JsonWebToken(t).Kid == successor ? t : null);
        var fromB = await EventuallyAsync(async () => await cluster.AdminTokenAsync("b") is var t && new JsonWebToken(t).Kid == successor ? t : null);
        Assert.NotNull(fromA);
        Assert.NotNull(fromB);
        Assert.Equal(200, (await cluster.AdminAsync("b", fromA, HttpMethod.Get, "users")).Status);
        Assert.Equal(200, (await cluster.AdminAsync("a", fromB, HttpMethod.Get, "users")).Status);
        // The retired key still validates what it signed, and both still publish it.
        Assert.Contains(before, await SigningKidsAsync("a"));
        Assert.Contains(before, await SigningKidsAsync("b"));
    }

    private static AuthorizeRequest Authorize(string scope) =>
        new(TwoNodes.ClientId, TwoNodes.RedirectUri, IdPFactory.SignInPolicy, "code", scope);

    private static Dictionary<string, string> Refresh(string refreshToken) => new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = TwoNodes.ClientId,
        ["client_secret"] = TwoNodes.ClientSecret,
    };

    private static Dictionary<string, string> Redemption(AuthorizeRequest request, string code) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = TwoNodes.RedirectUri,
        ["code_verifier"] = request.CodeVerifier,
        ["client_id"] = TwoNodes.ClientId,
        ["client_secret"] = TwoNodes.ClientSecret,
    };

    private async Task<bool> OffersResetAsync(string node)
    {
        var (browser, choice) = cluster.Browser();
        using var _ = browser;
        choice.Node = node;
        var page = await SignInPage.OpenAsync(browser, Authorize("openid"));
        return page.Page.ById(PageElementIds.ForgotPassword) is not null;
    }

    private async Task<IReadOnlyList<string>> SigningKidsAsync(string node)
    {
        using var client = cluster.Client(node);
        var jwksUri = new Uri((await DiscoveryAsync(client)).GetProperty("jwks_uri").GetString()!);
        var jwks = await client.GetFromJsonAsync<JsonElement>(jwksUri.PathAndQuery);
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }

    private async Task<string> IssuerAsync(string node)
    {
        using var client = cluster.Client(node);
        return (await DiscoveryAsync(client)).GetProperty("issuer").GetString()!;
    }

    private static Task<JsonElement> DiscoveryAsync(HttpClient client) =>
        client.GetFromJsonAsync<JsonElement>($"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/v2.0/.well-known/openid-configuration");

    private static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> probe)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(250);
        }

        return default;
    }
}
