using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process, on its own fresh database of the provider <see cref="IdPFactory{TDatabase}"/> names, so
/// a suite written once against this class runs on both providers through two one-line subclasses. A variant of the
/// server is this factory with settings (<see cref="With"/>), services (<see cref="WithServices"/>) or parts
/// (<see cref="Attach"/>) given in a constructor. Time is a <see cref="FakeTimeProvider"/> starting now, so tests move
/// the clock instead of sleeping.
/// </summary>
public abstract class IdPFactory(ITestDatabase database) : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The public base URL apps and browsers use in tests (TestServer accepts any host).</summary>
    public const string Origin = "http://idp.test";
    public const string Tenant = "contoso";
    public const string TenantDomain = "contoso.onmicrosoft.com";
    public const string SignInPolicy = "B2C_1_signin";

    private const string ConnectionStringKey = "ConnectionStrings:IdP";
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly List<IServerPart> _parts = [];

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Adds or overrides a configuration value; call before the server starts (in the fixture's constructor).</summary>
    public IdPFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces or adds services of the server (after the test clock); call before the server starts.</summary>
    public IdPFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>
    /// Gives the server a part of its surroundings (an SMTP server, a pickup folder, a log capture): the part configures
    /// the server now, starts before it and stops after it. Call in the fixture's constructor.
    /// </summary>
    public T Attach<T>(T part)
        where T : IServerPart
    {
        ArgumentNullException.ThrowIfNull(part);
        part.Configure(this);
        _parts.Add(part);
        return part;
    }

    public virtual async Task InitializeAsync()
    {
        foreach (var part in _parts)
        {
            await part.StartAsync();
        }

        if (!_settings.ContainsKey(ConnectionStringKey))
        {
            _settings[ConnectionStringKey] = await database.CreateAsync();
        }

        StartServer(); // Start now: migrations and seeding run here, not inside the first test.
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var part in _parts)
        {
            await part.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("IdP:Database:Provider", database.Provider);
        builder.UseSetting("IdP:Server:RequireHttps", "false");
        // Tests reach the server as idp.test, localhost and 127.0.0.1 and forge Host headers on purpose; the suites about
        // host filtering set AllowedHosts (and this back to false) themselves.
        builder.UseSetting("IdP:Server:AllowAnyHost", "true");
        builder.UseSetting("IdP:Demo:Enabled", "false");
        builder.UseSetting("IdP:PasswordReset:Mode", "None"); // The shipped default; Development's appsettings turn it on for the demo.
        builder.UseSetting("IdP:Tenant:Name", Tenant);
        builder.UseSetting("IdP:Tenant:Domain", TenantDomain);
        builder.UseSetting("IdP:Tenant:DisplayName", "Contoso Test");
        // Every request of a suite comes from one client (TestServer has no remote address) and the clock stands still,
        // so the shipped abuse limits would refuse long suites. The limits stay on, counting in the database, with room
        // for any suite; the limit suites set small numbers (and client addresses) of their own.
        foreach (var limit in Enum.GetNames<IdP.Core.Limits.AbuseLimit>())
        {
            builder.UseSetting($"IdP:Limits:{limit}:PerAddress", "100000");
            builder.UseSetting($"IdP:Limits:{limit}:PerNetwork", "100000");
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    /// <summary>
    /// Another server of the same kind on this server's database, with its clock at this one's time: what a restart
    /// (or a second node) sees. The caller starts it with <see cref="InitializeAsync"/> and disposes it.
    /// </summary>
    public IdPFactory OnSameDatabase()
    {
        var other = (IdPFactory)Activator.CreateInstance(GetType())!;
        other.With(ConnectionStringKey, _settings[ConnectionStringKey]);
        if (Clock.GetUtcNow() > other.Clock.GetUtcNow())
        {
            other.Clock.SetUtcNow(Clock.GetUtcNow());
        }

        return other;
    }

    /// <summary>A browser that talks to this server at <see cref="Origin"/> and records navigations to other hosts.</summary>
    public Browser CreateBrowser() => new(this);

    /// <summary>Runs <paramref name="action"/> with a service scope of the server.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task WithScopeAsync(Func<IServiceProvider, Task> action) =>
        WithScopeAsync<bool>(async sp =>
        {
            await action(sp);
            return true;
        });

    /// <summary>Creates an account with an email sign-in name (and optional username) and returns it.</summary>
    public Task<Account> CreateAccountAsync(string email, string password, string? username = null, string? contactEmail = null, string? displayName = "Test User") =>
        WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<AccountService>().CreateAsync(
                new NewAccount(password) { SignInEmail = email, Username = username, ContactEmail = contactEmail, DisplayName = displayName, GivenName = "Test", Surname = "User" },
                CancellationToken.None);
            return result is AccountCreation.Created created ? created.Account : throw new InvalidOperationException(string.Join(" ", ((AccountCreation.Invalid)result).Errors));
        });

    /// <summary>Registers (or updates) an application; throws when the registration is refused.</summary>
    public Task<Application> RegisterAppAsync(AppRegistration registration) =>
        WithScopeAsync(async sp => await sp.GetRequiredService<AppRegistrationService>().SaveAsync(registration, CancellationToken.None) switch
        {
            AppChange.Saved saved => saved.Application,
            var other => throw new InvalidOperationException("Registration refused: " + other),
        });

    /// <summary>Creates a user flow (name without prefix gets B2C_1_).</summary>
    public Task<UserFlow> CreateFlowAsync(UserFlow flow) =>
        WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<UserFlowService>().CreateAsync(flow, CancellationToken.None);
            return result is UserFlowChange.Saved saved ? saved.Flow : throw new InvalidOperationException(result.ToString());
        });

    /// <summary>Creates a user flow with "Forced password reset" on; returns its name.</summary>
    public async Task<string> CreateForcingFlowAsync()
    {
        var policy = "B2C_1_forced" + Guid.NewGuid().ToString("N")[..6];
        await CreateFlowAsync(new UserFlow { Name = policy, NormalizedName = "", ForcedPasswordReset = true });
        return policy;
    }

    /// <summary>Marks an account, as an administrator would, to change its password at its next sign-in.</summary>
    public Task MarkForPasswordChangeAsync(Guid accountId) =>
        WithDbAsync(db => db.Users.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.ForceChangePasswordNextSignIn, true)));

    /// <summary>Changes a user flow's settings.</summary>
    public Task UpdateFlowAsync(string policy, Action<UserFlow> change) =>
        WithScopeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<UserFlowService>().UpdateAsync(policy, change, CancellationToken.None);
            if (result is not UserFlowChange.Saved)
            {
                throw new InvalidOperationException(result.ToString());
            }
        });

    /// <summary>The tenant's id, created on first start (it is in every issuer).</summary>
    public Task<Guid> TenantIdAsync() => WithDbAsync(db => db.Tenants.Select(t => t.Id).SingleAsync());

    /// <summary>A client for raw HTTP requests to the server, without redirects or cookies.</summary>
    public HttpClient CreateHttpClient() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(Origin), AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Direct database access for assertions.</summary>
    public Task<T> WithDbAsync<T>(Func<IdPDbContext, Task<T>> query) => WithScopeAsync(sp => query(sp.GetRequiredService<IdPDbContext>()));
}

/// <summary>The server on <typeparamref name="TDatabase"/> (<see cref="Sqlite"/> or <see cref="Postgres"/>); variants derive from it.</summary>
public class IdPFactory<TDatabase>() : IdPFactory(new TDatabase())
    where TDatabase : ITestDatabase, new();

/// <summary>Something a test server works with that must run while it runs (see <see cref="IdPFactory.Attach"/>).</summary>
public interface IServerPart : IAsyncDisposable
{
    /// <summary>Points the server at this part (configuration, services); called before the server starts.</summary>
    void Configure(IdPFactory factory);

    Task StartAsync();
}
