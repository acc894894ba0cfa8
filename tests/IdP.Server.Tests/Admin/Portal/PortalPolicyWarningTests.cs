namespace IdP.Server.Tests.Admin.Portal;

/// <summary>
/// The portal signs administrators in through the flow <c>IdP:Admin:Portal:Policy</c> names; start-up creates only the
/// default flow, so a name with no flow behind it would leave <c>/admin</c> answering "flow not found" with nothing in
/// the log to say why.
/// </summary>
public sealed class PortalPolicyWarningTests
{
    [Fact]
    public async Task A_portal_policy_naming_no_flow_is_a_start_up_warning_naming_the_setting_and_the_flow()
    {
        var logs = await CapturedLogs.DuringStartupAsync(new IdPFactory<Sqlite>().With("IdP:Admin:Portal:Policy", "B2C_1_admins"));

        var warning = Assert.Single(logs, e => e.EventId == 6406);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("IdP:Admin:Portal:Policy", warning.Message, StringComparison.Ordinal);
        Assert.Contains("B2C_1_admins", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_portal_policy_logs_no_warning() =>
        Assert.DoesNotContain(await CapturedLogs.DuringStartupAsync(new IdPFactory<Sqlite>()), e => e.EventId == 6406);
}
