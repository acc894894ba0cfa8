using IdP.Core.Accounts;
using IdP.Core.Applications;
using IdP.Core.Audit;
using IdP.Core.Email;
using IdP.Core.Groups;
using IdP.Core.Journeys;
using IdP.Core.PasswordReset;
using IdP.Core.RunNow;
using IdP.Core.SignIn;
using IdP.Core.Tenancy;
using IdP.Core.UserFlows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IdP.Core.Data;

/// <summary>
/// The part of the server's one DbContext that core services use. The context, its mappings and migrations live in
/// IdP.Server; services here state their rules as queries over these sets, so one model serves every node.
/// </summary>
public interface IIdPDbContext
{
    DbSet<Tenant> Tenants { get; }
    DbSet<UserFlow> UserFlows { get; }
    DbSet<Account> Users { get; }
    DbSet<SignInName> SignInNames { get; }
    DbSet<SignInThrottle> SignInThrottles { get; }
    DbSet<AuthorizationJourney> Journeys { get; }
    DbSet<Group> Groups { get; }
    DbSet<GroupMember> GroupMembers { get; }
    DbSet<EmailVerification> EmailVerifications { get; }
    DbSet<EmailSendThrottle> EmailSendThrottles { get; }
    DbSet<EmailCodeSend> EmailCodeSends { get; }
    DbSet<OutboxMessage> OutboxMessages { get; }
    DbSet<AuditEvent> AuditEvents { get; }
    DbSet<RunNowRun> RunNowRuns { get; }
    DbSet<Application> Applications { get; }
    DbSet<ClientSecret> ClientSecrets { get; }

    DatabaseFacade Database { get; }

    /// <summary>What the context tracks (to forget a failed unit of work before the next one in the same scope).</summary>
    ChangeTracker ChangeTracker { get; }

    /// <summary>The change tracker's entry for <paramref name="entity"/> (to detach or reload it).</summary>
    EntityEntry<TEntity> Entry<TEntity>(TEntity entity)
        where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
