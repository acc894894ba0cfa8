namespace IdP.Server.Tests.Clients;

/// <summary>
/// A web app on Microsoft.Identity.Web that calls the tasks API (<c>EnableTokenAcquisitionToCallDownstreamApi</c>, as
/// apps calling APIs are written): the code flow, the code redeemed by MSAL with the client secret, the account keyed
/// by client_info, and the API, also on Microsoft.Identity.Web, accepting the token MSAL got for the user.
/// </summary>
public sealed class IdentityWebAppCallingApiTests(IdentityWebAppCallingApiTests.Fixture idp) : IClassFixture<IdentityWebAppCallingApiTests.Fixture>
{
    [Fact]
    public async Task After_signing_in_the_app_shows_the_users_tasks_from_the_api()
    {
        var user = await idp.CreateUserAsync();
        using var browser = WebAppStories.CreateBrowser(idp, idp.App);

        var page = await browser.SignInAtAsync(idp.App, IdentityWebApp.TasksPath, user);

        Assert.Equal(user.Account.Id.ToString("D"), page.Text("owner"));
        Assert.Contains("Buy milk", page.Text("tasks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_still_gets_tasks_after_refreshing_the_users_access_token()
    {
        var user = await idp.CreateUserAsync();
        using var browser = WebAppStories.CreateBrowser(idp, idp.App);
        await browser.SignInAtAsync(idp.App, IdentityWebApp.TasksPath, user);

        // ForceRefresh makes MSAL redeem the refresh token it got with the code (confidential client, client secret).
        var page = await browser.NavigateAsync(idp.App.Url(IdentityWebApp.TasksPath + "?refresh=true").AbsoluteUri);

        Assert.True(page.Status == System.Net.HttpStatusCode.OK, $"{(int)page.Status}: {page.Body[..Math.Min(1500, page.Body.Length)]}");
        Assert.Equal(user.Account.Id.ToString("D"), page.Text("owner"));
    }

    /// <summary>The IdP with the tasks API and the web app calling it running against it.</summary>
    public sealed class Fixture : ClientsIdPFactory
    {
        private IdentityWebApp? _app;

        public IdentityWebApp App => _app ?? throw new InvalidOperationException("The web app is not started.");

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var api = Running(await TasksApiHost.StartAsync(this));
            _app = Running(await IdentityWebApp.StartCallingTasksApiAsync(this, api.TasksUrl));
        }
    }
}
