namespace IdP.Server.Admin.Portal.UserFlows;

/// <summary><c>/admin/user-flows</c>: every user flow, and a new one (B2C's defaults, the <c>B2C_1_</c> prefix added by the core).</summary>
public sealed class IndexModel(UserFlowAdministration flows, IStringLocalizer<PortalText> text) : PortalPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<UserFlowSummary> Flows { get; private set; } = [];

    public async Task OnGetAsync() => Flows = await flows.ListAsync(Aborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return Page();
        }

        return await AnswerAsync(
            await flows.CreateAsync(new UserFlowInput { Name = Input.Name, Type = Input.Type, SignInType = Input.SignInType }, Actor, Aborted),
            created => text["FlowCreated", created.Name],
            created => RedirectToPage("/Admin/Portal/UserFlows/Edit", new { policy = created.Name }),
            OnGetAsync);
    }

    [ErrorMessagesFrom(typeof(PortalText))]
    public sealed class InputModel
    {
        [Required(ErrorMessage = "RequiredFlowName")]
        [StringLength(128, ErrorMessage = "TooLong")]
        public string? Name { get; set; }

        public UserFlowType Type { get; set; } = UserFlowType.SignIn;

        public SignInNameKind SignInType { get; set; } = SignInNameKind.Email;
    }
}
