using System.Text.Json;
using IdP.Server.RunNow;
using IdP.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.Tests.RunNow;

/// <summary>The server's own pipeline, which the viewer redeems codes through instead of the network.</summary>
public abstract class OwnPipelineTests(IdPFactory factory)
{
    private const string TokenEndpoint = $"/{IdPFactory.Tenant}/{IdPFactory.SignInPolicy}/oauth2/v2.0/token";

    [Fact]
    public async Task A_request_through_the_servers_own_pipeline_reaches_the_real_token_endpoint()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var caller = Caller(scope.ServiceProvider);

        var reply = await scope.ServiceProvider.GetRequiredService<OwnPipeline>().PostFormAsync(caller.Request, TokenEndpoint, BogusCode(), CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, reply.StatusCode);
        Assert.StartsWith("application/json", reply.ContentType, StringComparison.Ordinal);
        Assert.Equal("invalid_grant", JsonDocument.Parse(reply.Body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_request_through_the_servers_own_pipeline_leaves_the_callers_request_context_in_place()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var caller = Caller(scope.ServiceProvider);
        accessor.HttpContext = caller;
        try
        {
            await scope.ServiceProvider.GetRequiredService<OwnPipeline>().PostFormAsync(caller.Request, TokenEndpoint, BogusCode(), CancellationToken.None);

            // The inner request has a context of its own; the caller (the viewer) still needs its own afterwards.
            Assert.Same(caller, accessor.HttpContext);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private static DefaultHttpContext Caller(IServiceProvider services)
    {
        var caller = new DefaultHttpContext { RequestServices = services };
        caller.Request.Scheme = "http";
        caller.Request.Host = new HostString(new Uri(IdPFactory.Origin).Host);
        return caller;
    }

    private static Dictionary<string, string> BogusCode() => new()
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = RunNowApplication.ClientId,
        ["redirect_uri"] = $"{IdPFactory.Origin}/{IdPFactory.Tenant}/run-now/result",
        ["code"] = "abc",
        ["code_verifier"] = new string('v', 43),
    };
}

public sealed class OwnPipelineTestsOnSqlite(RunNowSqliteFactory factory) : OwnPipelineTests(factory), IClassFixture<RunNowSqliteFactory>;

public sealed class OwnPipelineTestsOnPostgres(RunNowPostgresFactory factory) : OwnPipelineTests(factory), IClassFixture<RunNowPostgresFactory>;
