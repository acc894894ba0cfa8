using IdP.Server.Tests.Admin;

namespace IdP.Server.Tests.Protocol;

/// <summary>
/// A token request that fails in a way nobody planned for (here: every database command of the request throws
/// something that is not the database's) still answers in OAuth's words, which client libraries read: a 500
/// <c>server_error</c> without exception details, not the problem details other requests get.
/// </summary>
public abstract class TokenEndpointFailureTests(IdPFactory factory, FailingCommands failing)
{
    [Fact]
    public async Task An_unexpected_failure_is_an_oauth_server_error_without_details()
    {
        var api = await factory.RegisterApiAsync();
        var daemon = await factory.RegisterApiClientAsync([api.Scope("tasks.read")], secret: "daemon-secret-" + Guid.NewGuid(), allowClientCredentials: true);

        failing.Enabled = true;
        TokenResponse failed;
        try
        {
            failed = await daemon.ClientCredentialsAsync(scope: api.Scope(".default"));
        }
        finally
        {
            failing.Enabled = false;
        }

        Assert.Equal(500, failed.Status);
        Assert.Equal("server_error", failed.Error);
        Assert.StartsWith("application/json", failed.MediaType, StringComparison.Ordinal);
        Assert.Contains("Correlation ID: ", failed.ErrorDescription, StringComparison.Ordinal);
        Assert.DoesNotContain(FailingCommands.Message, failed.Json.GetRawText(), StringComparison.Ordinal);
        Assert.Null(failed.RetryAfter);
    }
}

public sealed class TokenEndpointFailureTestsOnSqlite(FailingCommandsFactory<Sqlite> factory) : TokenEndpointFailureTests(factory, factory.Failing), IClassFixture<FailingCommandsFactory<Sqlite>>;

public sealed class TokenEndpointFailureTestsOnPostgres(FailingCommandsFactory<Postgres> factory) : TokenEndpointFailureTests(factory, factory.Failing), IClassFixture<FailingCommandsFactory<Postgres>>;
