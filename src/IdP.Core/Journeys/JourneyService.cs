using System.Security.Cryptography;
using System.Text;
using IdP.Core.Data;
using IdP.Core.SignIn;
using IdP.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdP.Core.Journeys;

/// <summary>
/// Keeps pending authorization requests while the user is on our pages. Every read checks the browser binding and
/// expiry; every state change is a compare-and-set on <see cref="AuthorizationJourney.Version"/>, so a journey ends once.
/// </summary>
public sealed class JourneyService(IIdPDbContext db, TimeProvider time, IOptions<SignInOptions> options)
{
    /// <summary>Creates a journey for an authorize request made by the browser holding <paramref name="bindingSecret"/>.</summary>
    public async Task<AuthorizationJourney> StartAsync(string policy, string tenantSegment, string authorizeUrl, string? clientId, string bindingSecret, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var journey = new AuthorizationJourney
        {
            Id = Base64Url(RandomNumberGenerator.GetBytes(16)),
            BindingHash = HashBinding(bindingSecret),
            Policy = policy,
            TenantSegment = tenantSegment,
            AuthorizeUrl = authorizeUrl,
            ClientId = clientId,
            CreatedAt = now,
            ExpiresAt = now + options.Value.JourneyLifetime,
            Version = Guid.NewGuid(),
        };
        db.Journeys.Add(journey);
        await db.SaveChangesAsync(cancellationToken);
        return journey;
    }

    /// <summary>The journey if it exists, has not expired and belongs to this browser; otherwise null.</summary>
    public async Task<AuthorizationJourney?> FindAsync(string? id, string? bindingSecret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 32 || string.IsNullOrEmpty(bindingSecret))
        {
            return null;
        }

        var journey = await db.Journeys.FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (journey is null || journey.ExpiresAt <= time.UtcNow())
        {
            return null;
        }

        var expected = Convert.FromHexString(journey.BindingHash);
        var actual = Convert.FromHexString(HashBinding(bindingSecret));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? journey : null;
    }

    /// <summary>Records that the user proved who they are; the authorize endpoint then issues tokens for them.</summary>
    public Task<bool> MarkAuthenticatedAsync(AuthorizationJourney journey, Guid accountId, DateTimeOffset authenticatedAt, CancellationToken cancellationToken) =>
        ChangeAsync(journey, JourneyStatus.Pending, j =>
        {
            j.Status = JourneyStatus.Authenticated;
            j.AccountId = accountId;
            j.AuthenticatedAt = authenticatedAt;
        }, cancellationToken);

    /// <summary>The user cancelled: the app will receive AADB2C90091.</summary>
    public Task<bool> MarkCancelledAsync(AuthorizationJourney journey, CancellationToken cancellationToken) =>
        ChangeAsync(journey, JourneyStatus.Pending, j => j.Status = JourneyStatus.Cancelled, cancellationToken);

    /// <summary>The user chose "forgot password" on a hand-off flow: the app will receive AADB2C90118.</summary>
    public Task<bool> MarkForgotPasswordAsync(AuthorizationJourney journey, CancellationToken cancellationToken) =>
        ChangeAsync(journey, JourneyStatus.Pending, j => j.Status = JourneyStatus.ForgotPassword, cancellationToken);

    /// <summary>The authorize endpoint answered the app; the journey cannot be used again.</summary>
    public Task<bool> CompleteAsync(AuthorizationJourney journey, CancellationToken cancellationToken) =>
        ChangeAsync(journey, journey.Status, j => j.Status = JourneyStatus.Completed, cancellationToken);

    /// <summary>Deletes journeys that expired more than a day ago (their codes go with them).</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.UtcNow() - TimeSpan.FromDays(1);
        return db.Journeys.Where(j => j.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> ChangeAsync(AuthorizationJourney journey, JourneyStatus expected, Action<AuthorizationJourney> change, CancellationToken cancellationToken)
    {
        if (journey.Status != expected || journey.Status == JourneyStatus.Completed)
        {
            return false;
        }

        change(journey);
        journey.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request (tab, node) moved the journey on first.
            return false;
        }
    }

    /// <summary>Hex SHA-256 of a browser-binding secret.</summary>
    public static string HashBinding(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>URL-safe base64 without padding.</summary>
    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
