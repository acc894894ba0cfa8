using System.Net;
using IdP.Server.Tests.Infrastructure;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// Failed portal sign-ins are logged and, past the limit, make the client's address wait (429). On SQLite only: the count
/// is kept in memory, the database plays no part.
/// </summary>
public abstract class PortalThrottleTests(IdPFactory factory, CapturedLogs logs)
{
    [Fact]
    public async Task After_too_many_failed_sign_ins_the_address_must_wait_and_it_is_logged()
    {
        using var browser = factory.CreateBrowser();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.NavigateAsync($"/admin/signin-oidc?code=abc&state=forged-{i}")).Status);
        }

        // No new sign-in starts from this address now: the sign-in page (and its password field) is never reached.
        var refused = await browser.NavigateAsync("/admin");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("too many failed sign-ins", refused.Body, StringComparison.Ordinal);
        Assert.Contains(logs.Messages, m => m.Contains("A sign-in to the admin portal from", StringComparison.Ordinal) && m.Contains("failed", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("throttled after repeated failures", StringComparison.Ordinal));
    }
}

public sealed class PortalThrottleTestsOnSqlite(ThrottledPortalFactory<Sqlite> factory) : PortalThrottleTests(factory, factory.Logs), IClassFixture<ThrottledPortalFactory<Sqlite>>;
