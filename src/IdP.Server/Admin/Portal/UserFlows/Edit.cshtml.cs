namespace IdP.Server.Admin.Portal.UserFlows;

/// <summary>
/// <c>/admin/user-flows/{policy}</c>: a flow's "Run user flow" panel (<see cref="RunNowPanel"/>, a GET form, so it works
/// without script and its URL can be shared), its properties (ranges and combinations checked by the core's
/// <see cref="UserFlowAdministration"/>), and deletion after a confirmation.
/// </summary>
public sealed class EditModel(
    UserFlowAdministration flows,
    AppAdministration applications,
    TenantService tenants,
    IOptions<IdP.Core.RunNow.RunNowOptions> runNow,
    IStringLocalizer<PortalText> text) : PortalEditPageModel<UserFlowDetails>("/Admin/Portal/UserFlows/Index")
{
    private static readonly Dictionary<string, string> ComplexityFields = new()
    {
        ["passwordComplexity"] = "Input.ComplexityLevel",
        ["passwordComplexity.level"] = "Input.ComplexityLevel",
        ["passwordComplexity.minLength"] = "Input.MinLength",
        ["passwordComplexity.maxLength"] = "Input.MaxLength",
        ["passwordComplexity.requiredClassCount"] = "Input.RequiredClassCount",
        ["passwordComplexity.numbersOnly"] = "Input.NumbersOnly",
    };

    [FromRoute]
    public string Policy { get; set; } = "";

    [BindProperty]
    public FlowForm Input { get; set; } = new();

    [BindProperty]
    public CustomPageForm CustomPage { get; set; } = new();

    [FromQuery(Name = "application")]
    public string? RunApplication { get; set; }

    [FromQuery(Name = "replyUrl")]
    public string? RunReplyUrl { get; set; }

    [FromQuery(Name = "responseType")]
    public string? RunResponseType { get; set; }

    [FromQuery(Name = "scopes")]
    public List<string> RunScopes { get; set; } = [];

    public RunNowPanel? Run { get; private set; }

    public async Task OnGetAsync()
    {
        CustomPage = CustomPageForm.Of(Details!);
        await LoadAsync(fill: true);
    }

    /// <summary>Saves the page layout form (custom page content) on its own, so the properties form is not re-posted.</summary>
    public async Task<IActionResult> OnPostCustomPageAsync()
    {
        ModelState.Clear();
        return await SavedAsync(await flows.UpdateAsync(Details!.Name, CustomPage.ToInput(), Actor, Aborted), text["FlowSaved"], CustomPageForm.Fields);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(fill: false);
            return Page();
        }

        return await SavedAsync(await flows.UpdateAsync(Details!.Name, Input.ToInput(), Actor, Aborted), text["FlowSaved"], ComplexityFields, fill: false);
    }

    public async Task<IActionResult> OnPostDeleteAsync() =>
        await DeletedAsync(await flows.DeleteAsync(Details!.Name, Actor, Aborted), text["FlowDeleted", Details.Name], new Dictionary<string, string> { ["name"] = "" });

    protected override async Task<UserFlowDetails?> FindAsync() => Found(await flows.GetAsync(Policy, Aborted));

    protected override IActionResult RedirectToSelf() => RedirectToPage("/Admin/Portal/UserFlows/Edit", new { policy = Details!.Name });

    protected override async Task LoadAsync(bool fill)
    {
        if (fill)
        {
            Input = FlowForm.Of(Details!);
        }

        var tenant = await tenants.GetAsync(Aborted);
        if (tenant is not null && runNow.Value.Enabled)
        {
            Run = RunNowPanel.Build(Request.Origin(), tenant.Domain, Details!.Name, await applications.ListAsync(Aborted), text["RunNowBuiltIn"],
                RunApplication, RunReplyUrl, RunResponseType, RunScopes);
        }
    }
}

/// <summary>A user flow's properties as the portal's form edits them (the API's names, so field errors land next to them).</summary>
[ErrorMessagesFrom(typeof(PortalText))]
public sealed class FlowForm
{
    public int? AccessAndIdTokenLifetimeMinutes { get; set; }
    public int? RefreshTokenLifetimeDays { get; set; }
    public RefreshTokenSlidingWindow RefreshTokenSlidingWindow { get; set; }
    public int? RefreshTokenSlidingWindowDays { get; set; }
    public IssuerFormat IssuerFormat { get; set; }
    public SubjectClaim SubjectClaim { get; set; }
    public PolicyClaim PolicyClaim { get; set; }
    public int? SessionLifetimeMinutes { get; set; }
    public SessionTimeout SessionTimeout { get; set; }

    /// <summary>B2C's "Single sign-on configuration", on every flow type as the other session settings.</summary>
    public SingleSignOnScope SingleSignOnConfiguration { get; set; }

    public PasswordResetBehavior PasswordResetBehavior { get; set; }
    public PasswordComplexityLevel ComplexityLevel { get; set; }
    public int? MinLength { get; set; }
    public int? MaxLength { get; set; }
    public int? RequiredClassCount { get; set; }

    /// <summary>B2C's custom "Character set": All (false) or Numbers only (true, digits only, no character classes).</summary>
    public bool NumbersOnly { get; set; }

    /// <summary>B2C's "Require ID Token in logout requests"; a checkbox (unticked reads false), on every flow type.</summary>
    public bool RequireIdTokenInLogoutRequests { get; set; }

    /// <summary>B2C's "Enable keep me signed in session"; a checkbox (unticked reads false), shown on sign-in flows only.</summary>
    public bool KeepMeSignedIn { get; set; }

    /// <summary>B2C's "Keep me signed in session (days)"; absent (kept) on flows that do not show it.</summary>
    public int? KeepMeSignedInDays { get; set; }

    /// <summary>B2C's "Forced password reset"; a checkbox, so an unticked one posts nothing and reads false.</summary>
    public bool ForcedPasswordReset { get; set; }

    /// <summary>B2C's "Multifactor authentication" (sign-in flows): the method and its enforcement.</summary>
    public MultifactorMethod MultifactorMethod { get; set; }

    public MultifactorEnforcement MultifactorEnforcement { get; set; }

    public List<string> ApplicationClaims { get; set; } = [];

    /// <summary>The form of a stored flow.</summary>
    public static FlowForm Of(UserFlowDetails flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new FlowForm
        {
            AccessAndIdTokenLifetimeMinutes = flow.AccessAndIdTokenLifetimeMinutes,
            RefreshTokenLifetimeDays = flow.RefreshTokenLifetimeDays,
            RefreshTokenSlidingWindow = flow.RefreshTokenSlidingWindow,
            RefreshTokenSlidingWindowDays = flow.RefreshTokenSlidingWindowDays,
            IssuerFormat = flow.IssuerFormat,
            SubjectClaim = flow.SubjectClaim,
            PolicyClaim = flow.PolicyClaim,
            SessionLifetimeMinutes = flow.SessionLifetimeMinutes,
            SessionTimeout = flow.SessionTimeout,
            SingleSignOnConfiguration = flow.SingleSignOnConfiguration,
            KeepMeSignedIn = flow.KeepMeSignedIn,
            KeepMeSignedInDays = flow.KeepMeSignedInDays,
            RequireIdTokenInLogoutRequests = flow.RequireIdTokenInLogoutRequests,
            PasswordResetBehavior = flow.PasswordResetBehavior,
            ComplexityLevel = flow.PasswordComplexity.Level,
            MinLength = flow.PasswordComplexity.MinLength,
            MaxLength = flow.PasswordComplexity.MaxLength,
            RequiredClassCount = flow.PasswordComplexity.RequiredClassCount,
            NumbersOnly = flow.PasswordComplexity.NumbersOnly,
            ForcedPasswordReset = flow.ForcedPasswordReset,
            MultifactorMethod = flow.MultifactorMethod,
            MultifactorEnforcement = flow.MultifactorEnforcement,
            ApplicationClaims = [.. flow.ApplicationClaims],
        };
    }

    /// <summary>
    /// The whole desired state, as the core takes it; custom complexity numbers only count for Custom, and the character
    /// classes not for Numbers only (B2C's blade has no classes field for that character set).
    /// </summary>
    public UserFlowInput ToInput() => new()
    {
        AccessAndIdTokenLifetimeMinutes = AccessAndIdTokenLifetimeMinutes,
        RefreshTokenLifetimeDays = RefreshTokenLifetimeDays,
        RefreshTokenSlidingWindow = RefreshTokenSlidingWindow,
        RefreshTokenSlidingWindowDays = RefreshTokenSlidingWindowDays,
        IssuerFormat = IssuerFormat,
        SubjectClaim = SubjectClaim,
        PolicyClaim = PolicyClaim,
        SessionLifetimeMinutes = SessionLifetimeMinutes,
        SessionTimeout = SessionTimeout,
        SingleSignOnConfiguration = SingleSignOnConfiguration,
        KeepMeSignedIn = KeepMeSignedIn,
        KeepMeSignedInDays = KeepMeSignedInDays,
        RequireIdTokenInLogoutRequests = RequireIdTokenInLogoutRequests,
        PasswordResetBehavior = PasswordResetBehavior,
        ForcedPasswordReset = ForcedPasswordReset,
        MultifactorMethod = MultifactorMethod,
        MultifactorEnforcement = MultifactorEnforcement,
        ApplicationClaims = ApplicationClaims,
        PasswordComplexity = ComplexityLevel == PasswordComplexityLevel.Custom
            ? new PasswordComplexityInput
            {
                Level = ComplexityLevel,
                MinLength = MinLength,
                MaxLength = MaxLength,
                RequiredClassCount = NumbersOnly ? 0 : RequiredClassCount,
                NumbersOnly = NumbersOnly,
            }
            : new PasswordComplexityInput { Level = ComplexityLevel },
    };
}
