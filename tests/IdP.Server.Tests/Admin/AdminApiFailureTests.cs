using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IdP.Server.Tests.Admin;

/// <summary>
/// An admin API request that fails in a way nobody planned for (here: a database command that throws) is a 500
/// problem+json in the admin API's own words, with its correlation id and no exception details; not the sign-in
/// pages' "trouble signing you in".
/// </summary>
public abstract class AdminApiFailureTests(IdPFactory factory, FailingCommands failing)
{
    private readonly AdminApiClient _admin = new(factory);

    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_in_the_admin_apis_words_without_details()
    {
        (await _admin.GetAsync("groups")).Expect(200);

        failing.Enabled = true;
        AdminResponse failed;
        try
        {
            failed = await _admin.GetAsync("groups");
        }
        finally
        {
            failing.Enabled = false;
        }

        failed.Expect(500);
        Assert.Equal("application/problem+json", failed.MediaType);
        Assert.Equal("Request failed", failed["title"]);
        Assert.False(string.IsNullOrEmpty(failed["correlationId"]));
        Assert.DoesNotContain(FailingCommands.Message, failed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("signing you in", failed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at IdP.", failed.Body, StringComparison.Ordinal);
    }
}

/// <summary>Makes every database command of a request fail while <see cref="Enabled"/> (background work is left alone).</summary>
public sealed class FailingCommands : RequestCommandInterceptor
{
    public const string Message = "Injected database failure (test).";

    public bool Enabled { get; set; }

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result) =>
        Enabled && Http is not null ? throw new InvalidOperationException(Message) : base.CommandInitialized(eventData, result);
}

/// <summary>The admin API's server, whose request database commands can be made to fail.</summary>
public sealed class FailingCommandsFactory<TDatabase> : IdPFactory<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    public FailingCommandsFactory()
    {
        AdminApiClient.Configure(this);
        Failing = Attach(new FailingCommands());
    }

    public FailingCommands Failing { get; }
}

public sealed class AdminApiFailureTestsOnSqlite(FailingCommandsFactory<Sqlite> factory) : AdminApiFailureTests(factory, factory.Failing), IClassFixture<FailingCommandsFactory<Sqlite>>;

public sealed class AdminApiFailureTestsOnPostgres(FailingCommandsFactory<Postgres> factory) : AdminApiFailureTests(factory, factory.Failing), IClassFixture<FailingCommandsFactory<Postgres>>;
