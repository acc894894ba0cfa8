using System.Text.Json.Serialization;
using IdP.Core.UserFlows.CustomPages;

namespace IdP.Core.UserFlows;

/// <summary>
/// User flows as administrators see and change them (the admin API, portal and CLI): every property of a flow, checked
/// by <see cref="UserFlowRules"/> through <see cref="UserFlowService"/>, each change audited in its transaction.
/// </summary>
public sealed class UserFlowAdministration(UserFlowService flows, AdminAudit audit, CustomPageService customPages)
{
    /// <summary>Every flow, by name, without its page template (<see cref="GetAsync"/> gives it).</summary>
    public async Task<IReadOnlyList<UserFlowSummary>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await flows.ListAsync(cancellationToken)).Select(UserFlowSummary.Of)];

    /// <summary>How many flows there are; counted in the database.</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken) => flows.CountAsync(cancellationToken);

    /// <summary>One flow by name (any case, with its <c>B2C_1_</c> prefix).</summary>
    public async Task<AdminResult<UserFlowDetails>> GetAsync(string name, CancellationToken cancellationToken) =>
        await flows.FindAsync(name, cancellationToken) is { } flow
            ? new AdminResult<UserFlowDetails>.Done(UserFlowDetails.Of(flow))
            : new AdminResult<UserFlowDetails>.NotFound();

    /// <summary>Creates a flow: what <paramref name="input"/> leaves out gets B2C's defaults; the name gets its prefix.</summary>
    public async Task<AdminResult<UserFlowDetails>> CreateAsync(UserFlowInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Fetched before the audited transaction: a slow template server must not hold it open.
        var page = await customPages.PrepareAsync(input.CustomPageContent, input.CustomPageUri, cancellationToken);
        if (page is CustomPageChange.Invalid refused)
        {
            return new AdminResult<UserFlowDetails>.Invalid(refused.Field, refused.Message);
        }

        return await audit.RecordAsync(actor, async () =>
        {
            if (string.IsNullOrWhiteSpace(input.Name))
            {
                return new AdminResult<UserFlowDetails>.Invalid("name", AdminText.UserFlowNameRequired);
            }

            var flow = new UserFlow { Name = input.Name, NormalizedName = "" };
            input.ApplyTo(flow);
            page.ApplyTo(flow);
            return Translate(await flows.CreateAsync(flow, cancellationToken));
        }, created => new AdminEvent(AdminEventTypes.UserFlowCreated, Target(created.Name), $"created ({created.Type})") { Policy = created.Name }, cancellationToken);
    }

    /// <summary>Changes the properties <paramref name="input"/> carries; the others stay. The name cannot change.</summary>
    public async Task<AdminResult<UserFlowDetails>> UpdateAsync(string name, UserFlowInput input, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var page = await customPages.PrepareAsync(input.CustomPageContent, input.CustomPageUri, cancellationToken);
        if (page is CustomPageChange.Invalid refused)
        {
            return new AdminResult<UserFlowDetails>.Invalid(refused.Field, refused.Message);
        }

        return await audit.RecordAsync(actor, async () =>
        {
            if (input.Name is not null && UserFlowName.Normalize(UserFlowName.WithPrefix(input.Name)) != UserFlowName.Normalize(UserFlowName.WithPrefix(name)))
            {
                return new AdminResult<UserFlowDetails>.Invalid("name", AdminText.UserFlowNameImmutable);
            }

            return await flows.FindAsync(name, cancellationToken) is { } found
                ? Translate(await flows.UpdateAsync(found.Name, flow =>
                {
                    input.ApplyTo(flow);
                    page.ApplyTo(flow);
                }, cancellationToken))
                : new AdminResult<UserFlowDetails>.NotFound();
        }, updated => new AdminEvent(AdminEventTypes.UserFlowUpdated, Target(updated.Name), "changed " + string.Join(", ", input.FieldsSet())) { Policy = updated.Name }, cancellationToken);
    }

    /// <summary>Fetches the flow's custom page template from its URI again now (a failure keeps the last good copy and says why).</summary>
    public async Task<AdminResult<UserFlowDetails>> RefreshCustomPageAsync(string name, string actor, CancellationToken cancellationToken)
    {
        // Fetched before the audited transaction, as on create and update: a slow template server must not hold it
        // (and the lock that serialises administrative changes) open.
        var refetch = await flows.FindAsync(name, cancellationToken) is { } flow ? await customPages.FetchAgainAsync(flow.Name, cancellationToken) : null;
        return await audit.RecordAsync<UserFlowDetails>(actor, async () =>
            {
                if (await flows.FindAsync(name, cancellationToken) is not { } found)
                {
                    return new AdminResult<UserFlowDetails>.NotFound();
                }

                if (refetch is null || !await customPages.StoreAsync(refetch, cancellationToken))
                {
                    return new AdminResult<UserFlowDetails>.Invalid(CustomPageService.UriField, AdminText.UserFlowNoCustomPageUri);
                }

                return await flows.FindAsync(found.Name, cancellationToken) is { } refreshed
                    ? new AdminResult<UserFlowDetails>.Done(UserFlowDetails.Of(refreshed))
                    : new AdminResult<UserFlowDetails>.NotFound();
            },
            refreshed => new AdminEvent(AdminEventTypes.UserFlowUpdated, Target(refreshed.Name), "refreshed customPageUri") { Policy = refreshed.Name },
            cancellationToken);
    }

    /// <summary>Deletes a flow (never the last sign-in flow, see <see cref="UserFlowService.DeleteAsync"/>).</summary>
    public Task<AdminResult<UserFlowDetails>> DeleteAsync(string name, string actor, CancellationToken cancellationToken) =>
        audit.RecordAsync(actor, async () => await flows.FindAsync(name, cancellationToken) is { } found
                ? Translate(await flows.DeleteAsync(found.Name, cancellationToken))
                : new AdminResult<UserFlowDetails>.NotFound(),
            deleted => new AdminEvent(AdminEventTypes.UserFlowDeleted, Target(deleted.Name), "deleted") { Policy = deleted.Name },
            cancellationToken);

    private static AdminResult<UserFlowDetails> Translate(UserFlowChange change) => change switch
    {
        UserFlowChange.Saved saved => new AdminResult<UserFlowDetails>.Done(UserFlowDetails.Of(saved.Flow)),
        UserFlowChange.Invalid invalid => new AdminResult<UserFlowDetails>.Invalid(invalid.Problems),
        _ => new AdminResult<UserFlowDetails>.NotFound(),
    };

    private static string Target(string name) => $"user_flow:{name}";
}

/// <summary>
/// A user flow's properties as administrators list them: everything but its page template, which can be hundreds of
/// kilobytes per flow (as in Microsoft Graph, whose user flow list carries no page content). <see cref="UserFlowDetails"/>
/// adds the template.
/// </summary>
public record UserFlowSummary(
    string Name,
    UserFlowType Type,
    SignInNameKind SignInType,
    IReadOnlyList<string> ApplicationClaims,
    int AccessAndIdTokenLifetimeMinutes,
    int RefreshTokenLifetimeDays,
    RefreshTokenSlidingWindow RefreshTokenSlidingWindow,
    int RefreshTokenSlidingWindowDays,
    IssuerFormat IssuerFormat,
    SubjectClaim SubjectClaim,
    PolicyClaim PolicyClaim,
    int SessionLifetimeMinutes,
    SessionTimeout SessionTimeout,
    SingleSignOnScope SingleSignOnConfiguration,
    bool KeepMeSignedIn,
    int KeepMeSignedInDays,
    bool RequireIdTokenInLogoutRequests,
    PasswordComplexity PasswordComplexity,
    PasswordResetBehavior PasswordResetBehavior,
    bool ForcedPasswordReset,
    MultifactorEnforcement MultifactorEnforcement,
    MultifactorMethod MultifactorMethod,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The summary of a stored flow; its <see cref="CustomPageError"/> in the current UI culture.</summary>
    public static UserFlowSummary Of(UserFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new(flow.Name, flow.Type, flow.SignInType, [.. flow.ApplicationClaims], flow.AccessAndIdTokenLifetimeMinutes, flow.RefreshTokenLifetimeDays,
            flow.RefreshTokenSlidingWindow, flow.RefreshTokenSlidingWindowDays, flow.IssuerFormat, flow.SubjectClaim, flow.PolicyClaim,
            flow.SessionLifetimeMinutes, flow.SessionTimeout, flow.SingleSignOnConfiguration, flow.KeepMeSignedIn, flow.KeepMeSignedInDays, flow.RequireIdTokenInLogoutRequests, flow.PasswordComplexity, flow.PasswordResetBehavior, flow.ForcedPasswordReset, flow.MultifactorEnforcement, flow.MultifactorMethod, flow.CreatedAt, flow.UpdatedAt)
        {
            CustomPageUri = flow.CustomPageUri,
            CustomPageFetchedAt = flow.CustomPageFetchedAt,
            CustomPageError = CustomPageProblem.Describe(flow),
        };
    }

    // The JSON orders below keep a flow's fields where they always were, with UserFlowDetails' template between them.

    /// <summary>B2C's "Custom page URI": where the template is fetched from; null when uploaded or none.</summary>
    [JsonPropertyOrder(1)]
    public string? CustomPageUri { get; init; }

    /// <summary>When the template was last fetched from <see cref="CustomPageUri"/>.</summary>
    [JsonPropertyOrder(3)]
    public DateTimeOffset? CustomPageFetchedAt { get; init; }

    /// <summary>
    /// Why the last fetch failed (the last good copy stays in use), in the reader's language; null when it worked.
    /// </summary>
    [JsonPropertyOrder(4)]
    public string? CustomPageError { get; init; }
}

/// <summary>A user flow's properties as administrators read one flow: its summary and its page template.</summary>
public sealed record UserFlowDetails : UserFlowSummary
{
    private UserFlowDetails(UserFlowSummary summary)
        : base(summary)
    {
    }

    /// <summary>The details of a stored flow.</summary>
    public static new UserFlowDetails Of(UserFlow flow) => new(UserFlowSummary.Of(flow)) { CustomPageContent = flow.CustomPageContent };

    /// <summary>The template as served (sanitised); null for the default pages.</summary>
    [JsonPropertyOrder(2)]
    public string? CustomPageContent { get; init; }
}

/// <summary>
/// What an administrator sends to create or change a user flow: every property is optional; on create what is left
/// out gets B2C's default, on update it stays as it is.
/// </summary>
public sealed record UserFlowInput
{
    /// <summary>The name, with or without its <c>B2C_1_</c> prefix (required on create; on update absent or the same).</summary>
    public string? Name { get; init; }

    /// <summary>The kind of flow (required on create; cannot change).</summary>
    public UserFlowType? Type { get; init; }
    /// <summary>Which sign-in name the flow's local accounts use.</summary>
    public SignInNameKind? SignInType { get; init; }
    /// <summary>The claims the flow puts in tokens.</summary>
    public IReadOnlyList<string>? ApplicationClaims { get; init; }
    /// <summary>Access and ID token lifetime, in minutes.</summary>
    public int? AccessAndIdTokenLifetimeMinutes { get; init; }
    /// <summary>Refresh token lifetime, in days.</summary>
    public int? RefreshTokenLifetimeDays { get; init; }
    /// <summary>Whether the refresh token's sliding window is bounded.</summary>
    public RefreshTokenSlidingWindow? RefreshTokenSlidingWindow { get; init; }
    /// <summary>The sliding window's length, in days, when bounded.</summary>
    public int? RefreshTokenSlidingWindowDays { get; init; }
    /// <summary>The shape of the <c>iss</c> claim.</summary>
    public IssuerFormat? IssuerFormat { get; init; }
    /// <summary>The claim that carries the subject.</summary>
    public SubjectClaim? SubjectClaim { get; init; }
    /// <summary>The claim that names the flow.</summary>
    public PolicyClaim? PolicyClaim { get; init; }
    /// <summary>Web session lifetime, in minutes.</summary>
    public int? SessionLifetimeMinutes { get; init; }
    /// <summary>Whether the web session is rolling or absolute.</summary>
    public SessionTimeout? SessionTimeout { get; init; }
    /// <summary>B2C's "Single sign-on configuration": Tenant, Application, Policy or Suppressed.</summary>
    public SingleSignOnScope? SingleSignOnConfiguration { get; init; }
    /// <summary>B2C's "Enable keep me signed in session": the sign-in page offers a persistent session.</summary>
    public bool? KeepMeSignedIn { get; init; }
    /// <summary>B2C's "Keep me signed in session (days)".</summary>
    public int? KeepMeSignedInDays { get; init; }
    /// <summary>B2C's "Require ID Token in logout requests": logout needs a valid <c>id_token_hint</c> of the flow.</summary>
    public bool? RequireIdTokenInLogoutRequests { get; init; }
    /// <summary>The password rules the flow enforces.</summary>
    public PasswordComplexityInput? PasswordComplexity { get; init; }

    /// <summary>Embedded (reset inside the flow) or HandOff (AADB2C90118 to the app).</summary>
    public PasswordResetBehavior? PasswordResetBehavior { get; init; }

    /// <summary>B2C's "Forced password reset": accounts marked to change their password must do so after signing in.</summary>
    public bool? ForcedPasswordReset { get; init; }
    /// <summary>B2C's "MFA enforcement": Off or AlwaysOn (sign-in flows only).</summary>
    public MultifactorEnforcement? MultifactorEnforcement { get; init; }
    /// <summary>B2C's "Type of method" for multifactor authentication: Email.</summary>
    public MultifactorMethod? MultifactorMethod { get; init; }

    /// <summary>
    /// A custom page template (B2C's "Use custom page content") as HTML: it must contain <c>&lt;div id="api"&gt;&lt;/div&gt;</c>
    /// and no form, iframe or frame; scripts are removed. An empty string removes the template.
    /// </summary>
    public string? CustomPageContent { get; init; }

    /// <summary>B2C's "Custom page URI": an https address the server fetches the template from (and refreshes); empty removes it.</summary>
    public string? CustomPageUri { get; init; }

    /// <summary>Copies the properties this input carries onto <paramref name="flow"/>.</summary>
    public void ApplyTo(UserFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        flow.Type = Type ?? flow.Type;
        flow.SignInType = SignInType ?? flow.SignInType;
        flow.ApplicationClaims = ApplicationClaims is null ? flow.ApplicationClaims : [.. ApplicationClaims.Select(c => c ?? "")];
        flow.AccessAndIdTokenLifetimeMinutes = AccessAndIdTokenLifetimeMinutes ?? flow.AccessAndIdTokenLifetimeMinutes;
        flow.RefreshTokenLifetimeDays = RefreshTokenLifetimeDays ?? flow.RefreshTokenLifetimeDays;
        flow.RefreshTokenSlidingWindow = RefreshTokenSlidingWindow ?? flow.RefreshTokenSlidingWindow;
        flow.RefreshTokenSlidingWindowDays = RefreshTokenSlidingWindowDays ?? flow.RefreshTokenSlidingWindowDays;
        flow.IssuerFormat = IssuerFormat ?? flow.IssuerFormat;
        flow.SubjectClaim = SubjectClaim ?? flow.SubjectClaim;
        flow.PolicyClaim = PolicyClaim ?? flow.PolicyClaim;
        flow.SessionLifetimeMinutes = SessionLifetimeMinutes ?? flow.SessionLifetimeMinutes;
        flow.SessionTimeout = SessionTimeout ?? flow.SessionTimeout;
        flow.SingleSignOnConfiguration = SingleSignOnConfiguration ?? flow.SingleSignOnConfiguration;
        flow.KeepMeSignedIn = KeepMeSignedIn ?? flow.KeepMeSignedIn;
        flow.KeepMeSignedInDays = KeepMeSignedInDays ?? flow.KeepMeSignedInDays;
        flow.RequireIdTokenInLogoutRequests = RequireIdTokenInLogoutRequests ?? flow.RequireIdTokenInLogoutRequests;
        flow.PasswordComplexity = PasswordComplexity?.ToComplexity() ?? flow.PasswordComplexity;
        flow.PasswordResetBehavior = PasswordResetBehavior ?? flow.PasswordResetBehavior;
        flow.ForcedPasswordReset = ForcedPasswordReset ?? flow.ForcedPasswordReset;
        flow.MultifactorEnforcement = MultifactorEnforcement ?? flow.MultifactorEnforcement;
        flow.MultifactorMethod = MultifactorMethod ?? flow.MultifactorMethod;
    }

    /// <summary>The properties this input carries, for the audit log's summary.</summary>
    public IEnumerable<string> FieldsSet()
    {
        var fields = new (string Name, object? Value)[]
        {
            ("type", Type), ("signInType", SignInType), ("applicationClaims", ApplicationClaims),
            ("accessAndIdTokenLifetimeMinutes", AccessAndIdTokenLifetimeMinutes), ("refreshTokenLifetimeDays", RefreshTokenLifetimeDays),
            ("refreshTokenSlidingWindow", RefreshTokenSlidingWindow), ("refreshTokenSlidingWindowDays", RefreshTokenSlidingWindowDays),
            ("issuerFormat", IssuerFormat), ("subjectClaim", SubjectClaim), ("policyClaim", PolicyClaim),
            ("sessionLifetimeMinutes", SessionLifetimeMinutes), ("sessionTimeout", SessionTimeout),
            ("singleSignOnConfiguration", SingleSignOnConfiguration),
            ("keepMeSignedIn", KeepMeSignedIn), ("keepMeSignedInDays", KeepMeSignedInDays),
            ("requireIdTokenInLogoutRequests", RequireIdTokenInLogoutRequests),
            ("passwordComplexity", PasswordComplexity), ("passwordResetBehavior", PasswordResetBehavior),
            ("forcedPasswordReset", ForcedPasswordReset),
            ("multifactorEnforcement", MultifactorEnforcement), ("multifactorMethod", MultifactorMethod), ("customPageContent", CustomPageContent), ("customPageUri", CustomPageUri),
        };
        return fields.Where(f => f.Value is not null).Select(f => f.Name).DefaultIfEmpty("nothing");
    }
}

/// <summary>A password complexity as administrators write it: Simple and Strong need only their level; Custom its values.</summary>
public sealed record PasswordComplexityInput
{
    /// <summary>The level: Simple, Strong or Custom.</summary>
    public PasswordComplexityLevel Level { get; init; } = PasswordComplexityLevel.Strong;
    /// <summary>Custom only: the shortest password accepted.</summary>
    public int? MinLength { get; init; }
    /// <summary>Custom only: the longest password accepted.</summary>
    public int? MaxLength { get; init; }
    /// <summary>Custom only: how many character classes a password needs.</summary>
    public int? RequiredClassCount { get; init; }
    /// <summary>Custom only: whether only digits are allowed.</summary>
    public bool? NumbersOnly { get; init; }

    /// <summary>The complexity this describes (Custom values are checked by <see cref="PasswordComplexity.Check"/>).</summary>
    public PasswordComplexity ToComplexity() => Level switch
    {
        PasswordComplexityLevel.Simple => PasswordComplexity.Simple,
        PasswordComplexityLevel.Strong => PasswordComplexity.Strong,
        _ => PasswordComplexity.Custom(MinLength ?? 8, MaxLength ?? 64, RequiredClassCount ?? (NumbersOnly == true ? 0 : 3), NumbersOnly ?? false) with { Level = Level },
    };
}
