using System.ComponentModel.DataAnnotations;
using IdP.Core.Accounts;
using IdP.Core.Administration;
using IdP.Core.UserFlows;
using IdP.Server.Layout;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdP.Server.Admin.Portal.UserFlows;

/// <summary><c>/admin/user-flows</c>: every user flow, and a new one (B2C's defaults, the <c>B2C_1_</c> prefix added by the core).</summary>
public sealed class IndexModel(UserFlowAdministration flows, IStringLocalizer<PortalText> text) : PortalPageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<UserFlowDetails> Flows { get; private set; } = [];

    public async Task OnGetAsync() => Flows = await flows.ListAsync(Aborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            switch (await flows.CreateAsync(new UserFlowInput { Name = Input.Name?.Trim(), Type = Input.Type, SignInType = Input.SignInType }, Actor, Aborted))
            {
                case AdminResult<UserFlowDetails>.Done done:
                    Notice = text["FlowCreated", done.Value.Name];
                    return RedirectToPage("/Admin/Portal/UserFlows/Edit", new { policy = done.Value.Name });
                case AdminResult<UserFlowDetails>.Invalid invalid:
                    AddErrors(invalid.Errors);
                    break;
            }
        }

        Flows = await flows.ListAsync(Aborted);
        return Page();
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
