using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// A server part that sees the database commands the server runs, with the request each one runs for (none for
/// background work): it joins both providers' DbContext types. Given to a server with <see cref="IdPFactory.Attach"/>;
/// subclasses override the <see cref="DbCommandInterceptor"/> methods of the commands they look at.
/// </summary>
public abstract class RequestCommandInterceptor : DbCommandInterceptor, IServerPart
{
    private readonly HttpContextAccessor _http = new();

    /// <summary>The request the current command runs for, or null for background work.</summary>
    protected HttpContext? Http => _http.HttpContext;

    public void Configure(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.WithServices(services =>
        {
            services.AddHttpContextAccessor();
            services.ConfigureDbContext<SqliteIdPDbContext>(options => options.AddInterceptors(this));
            services.ConfigureDbContext<PostgreSqlIdPDbContext>(options => options.AddInterceptors(this));
        });
    }

    public Task StartAsync() => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
