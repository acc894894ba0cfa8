using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;

namespace IdP.Server.Tests.Clients;

/// <summary>What the tasks API answers: whose tasks they are (the caller's object id) and the tasks.</summary>
public sealed record TaskList(string? Owner, IReadOnlyList<string> Tasks);

/// <summary>
/// The tasks API as B2C's docs write a protected web API with Microsoft.Identity.Web: an <c>AzureAdB2C</c> section
/// (Instance, Domain, the API's ClientId, the sign-in policy) and an endpoint that requires the <c>tasks.read</c> scope.
/// </summary>
public sealed class TasksApiHost : IAsyncDisposable
{
    public const string TasksPath = "/tasks";

    private readonly WebApplication _app;

    private TasksApiHost(WebApplication app)
    {
        _app = app;
        TasksUrl = new Uri(LoopbackHttps.BaseUrl(app), TasksPath);
    }

    public Uri TasksUrl { get; }

    public static async Task<TasksApiHost> StartAsync(ClientsIdPFactory idp)
    {
        ArgumentNullException.ThrowIfNull(idp);
        var builder = LoopbackHttps.CreateBuilder(new Dictionary<string, string?>
        {
            ["AzureAdB2C:Instance"] = idp.BaseUrl + "/",
            ["AzureAdB2C:ClientId"] = idp.TasksApiClientId,
            ["AzureAdB2C:Domain"] = IdPFactory.TenantDomain,
            ["AzureAdB2C:SignUpSignInPolicyId"] = IdPFactory.SignInPolicy,
        });
        builder.Services.AddMicrosoftIdentityWebApiAuthentication(builder.Configuration, "AzureAdB2C");
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.BackchannelHttpHandler = TestCertificates.CreateTrustingHandler());
        builder.Services.TrustTestCaForIssuerValidation();
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(TasksPath, (ClaimsPrincipal user) => new TaskList(user.GetObjectId(), ["Buy milk", "Call the bank"]))
            .RequireAuthorization()
            .RequireScope(TasksApi.ReadScopeName);
        await app.StartAsync();
        return new TasksApiHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
