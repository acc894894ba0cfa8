using System.Buffers.Binary;
using IdP.Core.Passwords;
using Microsoft.AspNetCore.Identity;

namespace IdP.Server.Tests.Accounts;

/// <summary>
/// Passwords are stored at OWASP's cost for PBKDF2-HMAC-SHA512 (210,000 iterations), and hashes made at a lower cost are
/// upgraded the next time their owner signs in.
/// </summary>
public abstract class PasswordHashingTests(IdPFactory factory)
{
    [Fact]
    public async Task A_new_password_is_hashed_with_pbkdf2_sha512_at_210000_iterations()
    {
        var user = await factory.CreateUserAsync();

        var hash = await StoredHashAsync(user.Account.Id);

        Assert.Equal(PasswordHashingOptions.MinimumIterations, Iterations(hash));
        Assert.Equal(2u, Prf(hash)); // 2 = HMAC-SHA512 in Identity's V3 format.
    }

    [Fact]
    public async Task A_hash_from_an_older_cost_is_upgraded_at_the_next_sign_in()
    {
        var user = await factory.CreateUserAsync();
        var weak = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 })).HashPassword(user.Account, UserStories.Password);
        await factory.WithDbAsync(db => db.Users.Where(a => a.Id == user.Account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, weak)));
        var client = await factory.RegisterClientAsync();
        using var browser = factory.CreateBrowser();

        await browser.SignInAndRedeemAsync(client, user);

        var upgraded = await StoredHashAsync(user.Account.Id);
        Assert.NotEqual(weak, upgraded);
        Assert.Equal(PasswordHashingOptions.MinimumIterations, Iterations(upgraded));
    }

    private Task<string> StoredHashAsync(Guid accountId) =>
        factory.WithDbAsync(db => db.Users.Where(a => a.Id == accountId).Select(a => a.PasswordHash!).SingleAsync());

    // Identity's V3 format: 0x01, then PRF, iteration count and salt length as big-endian 32-bit numbers.
    private static uint Prf(string hash) => BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(1, 4));

    private static int Iterations(string hash) => (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));
}

public sealed class PasswordHashingTestsOnSqlite(IdPFactory<Sqlite> factory) : PasswordHashingTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class PasswordHashingTestsOnPostgres(IdPFactory<Postgres> factory) : PasswordHashingTests(factory), IClassFixture<IdPFactory<Postgres>>;
