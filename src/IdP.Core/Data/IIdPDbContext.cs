using IdP.Core.Applications;
using IdP.Core.Groups;
using IdP.Core.Limits;
using IdP.Core.PasswordReset;
using IdP.Core.RunNow;
using IdP.Core.UserFlows;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IdP.Core.Data;

/// <summary>
/// The part of the server's one DbContext that core services use. The context, its mappings and migrations live in
/// IdP.Server; services here state their rules as queries over these sets, so one model serves every node.
/// </summary>
public interface IIdPDbContext
{
    /// <summary>The deployment's one tenant.</summary>
    DbSet<Tenant> Tenants { get; }

    /// <summary>User flows (policies), such as <c>B2C_1_signin</c>.</summary>
    DbSet<UserFlow> UserFlows { get; }

    /// <summary>Local accounts.</summary>
    DbSet<Account> Users { get; }

    /// <summary>The email addresses and usernames accounts sign in with.</summary>
    DbSet<SignInName> SignInNames { get; }

    /// <summary>Failed-password counters and lockouts, per typed sign-in name.</summary>
    DbSet<SignInThrottle> SignInThrottles { get; }

    /// <summary>Server-side single-sign-on sessions (the session cookie names one).</summary>
    DbSet<SignInSession> SignInSessions { get; }

    /// <summary>Authorization requests while the user is on our pages.</summary>
    DbSet<AuthorizationJourney> Journeys { get; }

    /// <summary>Groups of accounts (for the password-reset switch's Selected mode).</summary>
    DbSet<Group> Groups { get; }

    /// <summary>Which accounts are in which groups.</summary>
    DbSet<GroupMember> GroupMembers { get; }

    /// <summary>Verification codes sent during password resets, as hashes.</summary>
    DbSet<EmailVerification> EmailVerifications { get; }

    /// <summary>The resend cooldown per address hash, and the lock that serialises sends to one address.</summary>
    DbSet<EmailSendThrottle> EmailSendThrottles { get; }

    /// <summary>Every code sent, per address hash, kept a day for the hourly and daily limits.</summary>
    DbSet<EmailCodeSend> EmailCodeSends { get; }

    /// <summary>Emails to send, and for a while those sent, dropped or failed (failed ones stay for an operator).</summary>
    DbSet<OutboxMessage> OutboxMessages { get; }

    /// <summary>The audit log of security-relevant steps.</summary>
    DbSet<AuditEvent> AuditEvents { get; }

    /// <summary>Runs started with Run now, which the viewer checks a flow's response against.</summary>
    DbSet<RunNowRun> RunNowRuns { get; }

    /// <summary>Application registrations as operators edit them.</summary>
    DbSet<Application> Applications { get; }

    /// <summary>Client secrets of the applications, as hashes.</summary>
    DbSet<ClientSecret> ClientSecrets { get; }

    /// <summary>Abuse-limit counters per client and window.</summary>
    DbSet<RateLimitCounter> RateLimitCounters { get; }
    /// <summary>The tenant's company branding (colours and texts).</summary>
    DbSet<Branding.TenantBranding> TenantBrandings { get; }

    /// <summary>The tenant's uploaded branding images.</summary>
    DbSet<Branding.BrandingImage> BrandingImages { get; }

    /// <summary>The tenant's own wording of page and email strings, per language.</summary>
    DbSet<Branding.StringOverride> StringOverrides { get; }

    /// <summary>The configuration stamp's one row (moved by database triggers; read through <see cref="ConfigurationStamp"/>).</summary>
    DbSet<ConfigurationStampRow> ConfigurationStamps { get; }

    /// <summary>The database, for explicit transactions: a conditional update and the writes that depend on it commit together.</summary>
    DatabaseFacade Database { get; }

    /// <summary>What the context tracks (to forget a failed unit of work before the next one in the same scope).</summary>
    ChangeTracker ChangeTracker { get; }

    /// <summary>The change tracker's entry for <paramref name="entity"/> (to detach or reload it).</summary>
    EntityEntry<TEntity> Entry<TEntity>(TEntity entity)
        where TEntity : class;

    /// <summary>Saves every tracked change, inside the caller's transaction when one is open.</summary>
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
