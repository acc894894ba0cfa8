using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace IdP.Server.Data;

/// <summary>
/// The one DbContext: accounts (ASP.NET Core Identity), OpenIddict's applications and tokens, Data Protection keys and
/// every IdP entity. Each provider has a subclass only so its migrations have a home (<see cref="SqliteIdPDbContext"/>,
/// <see cref="PostgreSqlIdPDbContext"/>); the model is the same.
/// </summary>
public abstract class IdPDbContext(DbContextOptions options)
    : IdentityDbContext<Account, IdentityRole<Guid>, Guid>(options), IIdPDbContext, IDataProtectionKeyContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<UserFlow> UserFlows => Set<UserFlow>();
    public DbSet<SignInName> SignInNames => Set<SignInName>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<AuthorizationJourney> Journeys => Set<AuthorizationJourney>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<EmailVerification> EmailVerifications => Set<EmailVerification>();
    public DbSet<EmailSendThrottle> EmailSendThrottles => Set<EmailSendThrottle>();
    public DbSet<EmailCodeSend> EmailCodeSends => Set<EmailCodeSend>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<RunNowRun> RunNowRuns => Set<RunNowRun>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ClientSecret> ClientSecrets => Set<ClientSecret>();
    public DbSet<RateLimitCounter> RateLimitCounters => Set<RateLimitCounter>();
    public DbSet<Core.Branding.TenantBranding> TenantBrandings => Set<Core.Branding.TenantBranding>();
    public DbSet<Core.Branding.BrandingImage> BrandingImages => Set<Core.Branding.BrandingImage>();
    public DbSet<Core.Branding.StringOverride> StringOverrides => Set<Core.Branding.StringOverride>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ConfigurationStampRow> ConfigurationStamps => Set<ConfigurationStampRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(IdPDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        // Enums as text: the database stays readable and reordering an enum cannot change stored meaning.
        configurationBuilder.Properties<Enum>().HaveConversion<string>();

        if (Database.IsSqlite())
        {
            // SQLite has no date type: EF stores DateTimeOffset as text, which it cannot compare or order in SQL.
            // Binary (ticks) keeps comparisons in the database; every value we write is UTC.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}

/// <summary>The context on SQLite (the embedded default); owns the SQLite migrations.</summary>
public sealed class SqliteIdPDbContext(DbContextOptions<SqliteIdPDbContext> options) : IdPDbContext(options);

/// <summary>The context on PostgreSQL (production); owns the PostgreSQL migrations.</summary>
public sealed class PostgreSqlIdPDbContext(DbContextOptions<PostgreSqlIdPDbContext> options) : IdPDbContext(options);
