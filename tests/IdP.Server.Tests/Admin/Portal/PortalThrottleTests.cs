using Microsoft.AspNetCore.Mvc.Testing;

namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// Failed portal sign-ins are logged and counted against the admin-authentication limit in the database; past it the
/// client's address must wait (429, <c>Retry-After</c>, the portal's page), on every node on that database and on a
/// restarted one (a second server on the same database is both).
/// </summary>
public abstract class PortalThrottleTests(IdPFactory factory, CapturedLogs logs)
{
    [Fact]
    public async Task Failed_sign_ins_on_two_nodes_add_up_and_then_the_address_must_wait_on_both_and_it_is_logged()
    {
        await using var secondNode = factory.OnSameDatabase();
        await secondNode.InitializeAsync();
        using var onFirst = factory.CreateBrowser();
        using var onSecond = secondNode.CreateBrowser();

        // Two failures here, one there: neither node alone has seen the limit (3).
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await onFirst.NavigateAsync($"/admin/signin-oidc?code=abc&state=forged-{i}")).Status);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await StartSignInAsync(secondNode)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await onSecond.NavigateAsync("/admin/signin-oidc?code=abc&state=forged-2")).Status);

        // No new sign-in starts from this address now, on either node: the sign-in page (and its password field) is never reached.
        foreach (var node in new[] { factory, secondNode })
        {
            using var refused = await StartSignInAsync(node);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After.");
            Assert.Contains("too many failed sign-ins", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A callback is refused before it is looked at.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onSecond.NavigateAsync("/admin/signin-oidc?code=abc&state=forged-3")).Status);
        Assert.Contains(logs.Messages, m => m.Contains("A sign-in to the admin portal from", StringComparison.Ordinal) && m.Contains("failed", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Contains("throttled after repeated failures", StringComparison.Ordinal));
        Assert.Equal(2, logs.Entries.Count(e => e.EventId == 7101 && e.Message.Contains("PortalSignIn", StringComparison.Ordinal)));
    }

    private static async Task<HttpResponseMessage> StartSignInAsync(IdPFactory node)
    {
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(IdPFactory.Origin) });
        return await client.GetAsync(new Uri("/admin", UriKind.Relative));
    }
}

public sealed class PortalThrottleTestsOnSqlite(ThrottledPortalFactory<Sqlite> factory) : PortalThrottleTests(factory, factory.Logs), IClassFixture<ThrottledPortalFactory<Sqlite>>;

public sealed class PortalThrottleTestsOnPostgres(ThrottledPortalFactory<Postgres> factory) : PortalThrottleTests(factory, factory.Logs), IClassFixture<ThrottledPortalFactory<Postgres>>;
