using OpenIddict.EntityFrameworkCore.Models;

namespace IdP.Server.Tests.Protocol;

/// <summary>Refresh tokens rotate on every use, and presenting a used one revokes its whole family.</summary>
public abstract class RefreshTokenTests(IdPFactory factory)
{
    [Fact]
    public async Task A_refresh_token_is_rotated_on_use_and_the_new_one_works()
    {
        var (client, tokens) = await SignedInAsync();

        var first = await client.RefreshAsync(tokens["refresh_token"]!);
        var second = await client.RefreshAsync(first["refresh_token"]!);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.NotEqual(tokens["refresh_token"], first["refresh_token"]);
        Assert.NotEqual(first["refresh_token"], second["refresh_token"]);
        var idToken = await client.ValidateIdTokenAsync(second["id_token"]!);
        Assert.Equal(IdPFactory.SignInPolicy, idToken.GetClaim("tfp").Value);
    }

    [Fact]
    public async Task A_reused_refresh_token_is_refused_and_revokes_the_newer_one_too()
    {
        var (client, tokens) = await SignedInAsync();
        var rotated = await client.RefreshAsync(tokens["refresh_token"]!);
        Assert.Equal(200, rotated.Status);

        var replay = await client.RefreshAsync(tokens["refresh_token"]!);
        var afterReplay = await client.RefreshAsync(rotated["refresh_token"]!);

        Assert.Equal(400, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);
        Assert.Equal(400, afterReplay.Status);
        Assert.Equal("invalid_grant", afterReplay.Error);
    }

    [Fact]
    public async Task A_token_a_racing_rotation_writes_into_the_family_after_a_replay_is_refused_too()
    {
        var (client, tokens) = await SignedInAsync();
        var rotated = await client.RefreshAsync(tokens["refresh_token"]!);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens["refresh_token"]!)).Error);

        // The rotation that won the old token writes its new token's entry just after the replay revoked the family's
        // tokens (requests racing on two nodes): only the revoked family itself still stops it.
        await factory.WithDbAsync(db => db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Application!.ClientId == client.ClientId && t.Type == OpenIddictConstants.TokenTypeIdentifiers.RefreshToken && t.RedemptionDate == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, OpenIddictConstants.Statuses.Valid)));

        var afterRace = await client.RefreshAsync(rotated["refresh_token"]!);

        Assert.Equal(400, afterRace.Status);
        Assert.Equal("invalid_grant", afterRace.Error);
    }

    [Fact]
    public async Task A_reused_authorization_code_is_refused_and_revokes_the_refresh_token_it_gave()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.RegisterClientAsync();
        var request = client.Authorize();
        using var browser = factory.CreateBrowser();
        var app = (await browser.SignInThroughFormAsync(request, user)).ToApp();
        var tokens = await client.RedeemCodeAsync(request, app["code"]!);

        var again = await client.RedeemCodeAsync(request, app["code"]!);
        var refresh = await client.RefreshAsync(tokens["refresh_token"]!);

        Assert.Equal("invalid_grant", again.Error);
        Assert.Equal("invalid_grant", refresh.Error);
    }

    [Fact]
    public async Task The_query_form_of_the_token_endpoint_refreshes_too()
    {
        var (client, tokens) = await SignedInAsync();

        var refreshed = await client.RefreshAsync(tokens["refresh_token"]!, queryForm: true);

        Assert.Equal(200, refreshed.Status);
    }

    [Fact]
    public async Task A_refresh_token_stops_working_after_the_account_is_disabled()
    {
        var (client, tokens, user) = await SignedInWithUserAsync();
        await factory.WithDbAsync(async db =>
        {
            var account = await db.Users.FindAsync(user.Account.Id);
            account!.Enabled = false;
            return await db.SaveChangesAsync();
        });

        var refreshed = await client.RefreshAsync(tokens["refresh_token"]!);

        Assert.Equal("invalid_grant", refreshed.Error);
        Assert.StartsWith("AADB2C90111", refreshed.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_stops_working_after_a_password_change_with_AADB2C90129()
    {
        var (client, tokens, user) = await SignedInWithUserAsync();
        await factory.WithScopeAsync(async sp =>
        {
            var account = await sp.GetRequiredService<IdPDbContext>().Users.SingleAsync(a => a.Id == user.Account.Id);
            await sp.GetRequiredService<PasswordChange>().ApplyAsync(account, "New-Password-42", temporary: false, CancellationToken.None);
        });

        var refreshed = await client.RefreshAsync(tokens["refresh_token"]!);

        Assert.Equal("invalid_grant", refreshed.Error);
        Assert.StartsWith("AADB2C90129", refreshed.ErrorDescription, StringComparison.Ordinal);
    }

    private async Task<(OidcClient Client, TokenResponse Tokens)> SignedInAsync()
    {
        var (client, tokens, _) = await SignedInWithUserAsync();
        return (client, tokens);
    }

    private async Task<(OidcClient Client, TokenResponse Tokens, TestUser User)> SignedInWithUserAsync()
    {
        var (browser, client, user, tokens) = await factory.SignInNewUserAsync();
        browser.Dispose();
        return (client, tokens, user);
    }
}

public sealed class RefreshTokenTestsOnSqlite(IdPFactory<Sqlite> factory) : RefreshTokenTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class RefreshTokenTestsOnPostgres(IdPFactory<Postgres> factory) : RefreshTokenTests(factory), IClassFixture<IdPFactory<Postgres>>;
