namespace IdP.Core.Tests.SignIn;

/// <summary>
/// B2C's "Single sign-on configuration": which sessions sign the user in to a flow without a password, by what the
/// session was used by (apps and flows), and how those lists grow.
/// </summary>
public sealed class SingleSignOnTests
{
    private static readonly UserFlow Signin = Flow(SingleSignOnScope.Tenant);

    [Fact]
    public void A_new_flow_is_tenant_wide_as_in_B2C() =>
        Assert.Equal(SingleSignOnScope.Tenant, new UserFlow { Name = "B2C_1_x", NormalizedName = "" }.SingleSignOnConfiguration);

    [Fact]
    public void Tenant_accepts_any_session_whichever_app_and_flow_used_it()
    {
        var session = Used(("app-a", Signin));

        Assert.True(SingleSignOn.Covers(Flow(SingleSignOnScope.Tenant), session, "app-b"));
        Assert.True(SingleSignOn.Covers(Flow(SingleSignOnScope.Tenant), new SignInSession(), "app-b"));
    }

    [Fact]
    public void Application_accepts_a_session_only_for_an_app_that_used_it_on_any_flow()
    {
        var flow = Flow(SingleSignOnScope.Application);
        var session = Used(("app-a", Signin), ("app.c", Signin));

        Assert.True(SingleSignOn.Covers(flow, session, "app-a"));
        Assert.True(SingleSignOn.Covers(flow, session, "app.c"));
        Assert.False(SingleSignOn.Covers(flow, session, "app-b"));
        // Whole client ids only: neither a part of one nor one that contains it.
        Assert.False(SingleSignOn.Covers(flow, session, "app"));
        Assert.False(SingleSignOn.Covers(flow, session, "pp-a"));
        Assert.False(SingleSignOn.Covers(flow, session, "app-a2"));
        Assert.False(SingleSignOn.Covers(flow, session, null));
        Assert.False(SingleSignOn.Covers(flow, session, ""));
    }

    [Fact]
    public void Policy_accepts_a_session_only_on_a_flow_it_was_used_on_by_any_app()
    {
        var used = Flow(SingleSignOnScope.Policy);
        var other = Flow(SingleSignOnScope.Policy);
        var session = Used(("app-a", used), ("app-a", Signin));

        Assert.True(SingleSignOn.Covers(used, session, "app-b"));
        Assert.False(SingleSignOn.Covers(other, session, "app-a"));
    }

    [Fact]
    public void Policy_names_a_flow_by_its_id_so_a_flow_made_again_under_the_same_name_starts_afresh()
    {
        var first = Flow(SingleSignOnScope.Policy);
        var again = Flow(SingleSignOnScope.Policy);
        again.Name = first.Name;

        Assert.False(SingleSignOn.Covers(again, Used(("app-a", first)), "app-a"));
    }

    [Fact]
    public void Suppressed_and_unknown_scopes_accept_no_session()
    {
        var session = Used(("app-a", Signin));
        var suppressed = Flow(SingleSignOnScope.Suppressed);
        suppressed.Id = Signin.Id;

        Assert.False(SingleSignOn.Covers(suppressed, session, "app-a"));
        Assert.False(SingleSignOn.Covers(Flow((SingleSignOnScope)9), session, "app-a"));
    }

    [Fact]
    public void An_entry_is_added_once_after_the_others()
    {
        var list = SingleSignOn.Add(SingleSignOn.Add(SingleSignOn.Add("", "app-a"), "app-b"), "app-a");

        Assert.Equal("app-a app-b ", list);
        Assert.True(SingleSignOn.Lists(list, "app-b"));
        Assert.False(SingleSignOn.Lists(list, "app-"));
    }

    private static UserFlow Flow(SingleSignOnScope scope) =>
        new() { Id = Guid.NewGuid(), Name = "B2C_1_" + Guid.NewGuid().ToString("N")[..8], NormalizedName = "", SingleSignOnConfiguration = scope };

    /// <summary>A session used by each app on each flow, as the server records it.</summary>
    private static SignInSession Used(params (string ClientId, UserFlow Flow)[] uses)
    {
        var session = new SignInSession();
        foreach (var (clientId, flow) in uses)
        {
            session.UsedByApplications = SingleSignOn.Add(session.UsedByApplications, clientId);
            session.UsedOnFlows = SingleSignOn.Add(session.UsedOnFlows, SingleSignOn.FlowEntry(flow));
        }

        return session;
    }
}
