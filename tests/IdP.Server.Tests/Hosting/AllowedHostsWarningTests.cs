namespace IdP.Server.Tests.Hosting;

/// <summary>
/// Outside Development, <c>AllowedHosts: "*"</c> (the shipped appsettings.json) stops start-up unless
/// IdP:Server:AllowAnyHost says it is meant, and then gets a start-up warning: the issuer and the Run now same-origin
/// rule follow the Host header. Development keeps "*" quietly.
/// </summary>
public sealed class AllowedHostsWarningTests
{
    [Fact]
    public async Task Production_with_any_host_allowed_does_not_start_and_says_which_settings_to_set()
    {
        var factory = InProduction().With("IdP:Server:AllowAnyHost", "false");

        var failure = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync);

        var message = failure.GetBaseException().Message;
        Assert.Contains("AllowedHosts", message, StringComparison.Ordinal);
        Assert.Contains("IdP:Server:AllowAnyHost", message, StringComparison.Ordinal);
        await factory.DisposeAsync();
    }

    [Fact]
    public async Task Production_with_any_host_explicitly_allowed_logs_a_warning_naming_the_setting()
    {
        var logs = await CapturedLogs.DuringStartupAsync(InProduction().With("IdP:Server:AllowAnyHost", "true"));

        var warning = Assert.Single(logs, e => e.EventId == 3112);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("AllowedHosts", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_with_named_hosts_logs_no_warning()
    {
        var factory = InProduction().With("AllowedHosts", "idp.test;localhost");

        Assert.DoesNotContain(await CapturedLogs.DuringStartupAsync(factory), e => e.EventId == 3112);
    }

    [Fact]
    public async Task Development_with_any_host_allowed_logs_no_warning() =>
        Assert.DoesNotContain(await CapturedLogs.DuringStartupAsync(new IdPFactory<Sqlite>()), e => e.EventId == 3112);

    private static IdPFactory InProduction() => new IdPFactory<Sqlite>().With("environment", "Production");
}
