using SignInResult = IdP.Core.SignIn.SignInResult;

namespace IdP.Server.Tests.SignIn;

/// <summary>
/// Lockout under parallel attempts (several tabs, scripts, nodes): the limit of wrong answers holds however many
/// checks are in flight, and a right password checked while others lock the name does not win after the lock.
/// Each attempt runs in its own service scope on its own thread, as each HTTP request does.
/// </summary>
public abstract class ParallelSignInTests(IdPFactory factory)
{
    private const int Limit = 10;

    [Fact]
    public async Task Forty_parallel_wrong_passwords_give_at_most_nine_invalid_answers_then_the_lock()
    {
        var user = await factory.CreateUserAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => SignInAsync(user.Email, "Wrong-Password-" + i)));
        var afterwards = await SignInAsync(user.Email, user.Password);

        Assert.InRange(results.Count(r => r is SignInResult.InvalidCredentials), 0, Limit - 1);
        Assert.All(results, r => Assert.True(r is SignInResult.InvalidCredentials or SignInResult.LockedOut, r.ToString()));
        Assert.IsType<SignInResult.LockedOut>(afterwards);
    }

    [Fact]
    public async Task Parallel_wrong_passwords_for_an_unknown_name_lock_it_the_same_way()
    {
        var name = $"nobody-{Guid.NewGuid():N}@example.com";

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => SignInAsync(name, "Wrong-Password-" + i)));

        Assert.InRange(results.Count(r => r is SignInResult.InvalidCredentials), 0, Limit - 1);
        Assert.IsType<SignInResult.LockedOut>(await SignInAsync(name, "Another-Guess-1"));
    }

    [Fact]
    public async Task A_right_password_racing_the_locking_failure_never_wins_after_the_lock()
    {
        // Nine failures, then the tenth (which locks) and the right password at the same time, several times over.
        // Whichever finishes first, the answers must agree with one order: if the wrong one locked the name, the right
        // one was refused; if the right one got in, the name is not locked afterwards.
        for (var round = 0; round < 6; round++)
        {
            var user = await factory.CreateUserAsync();
            for (var i = 0; i < Limit - 1; i++)
            {
                Assert.IsType<SignInResult.InvalidCredentials>(await SignInAsync(user.Email, "Wrong-Password-" + i));
            }

            var answers = await Task.WhenAll(SignInAsync(user.Email, "Wrong-Password-last"), SignInAsync(user.Email, user.Password));
            var (wrong, right) = (answers[0], answers[1]);
            var lockedAfterwards = await LockedAsync(user.Email);

            if (wrong is SignInResult.LockedOut)
            {
                Assert.IsType<SignInResult.LockedOut>(right);
            }

            Assert.Equal(right is SignInResult.Succeeded, !lockedAfterwards);
        }
    }

    // On a thread-pool thread, as a request would be: SQLite's provider does its I/O synchronously, so without it the
    // "parallel" attempts would simply run one after another.
    private Task<SignInResult> SignInAsync(string email, string password) =>
        Task.Run(() => factory.WithScopeAsync(sp => sp.GetRequiredService<LocalAccountSignIn>().SignInAsync(SignInNameKind.Email, email, password, CancellationToken.None)));

    private Task<bool> LockedAsync(string email)
    {
        var key = ThrottleKey.For(SignInNameKind.Email, SignInNameNormalizer.Normalize(email));
        var now = factory.Clock.GetUtcNow();
        return factory.WithDbAsync(db => Task.FromResult(db.SignInThrottles.AsEnumerable().Any(t => t.KeyHash == key && t.LockedUntil > now)));
    }
}

public sealed class ParallelSignInTestsOnSqlite(IdPFactory<Sqlite> factory) : ParallelSignInTests(factory), IClassFixture<IdPFactory<Sqlite>>;

public sealed class ParallelSignInTestsOnPostgres(IdPFactory<Postgres> factory) : ParallelSignInTests(factory), IClassFixture<IdPFactory<Postgres>>;
