using IdP.Core.Administration;
using IdP.Core.Groups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdP.Server.Admin.Portal.Groups;

/// <summary><c>/admin/groups</c>: every group with its member count, and a new one.</summary>
public sealed class IndexModel(GroupAdministration groups, IStringLocalizer<PortalText> text) : PortalPageModel
{
    [BindProperty]
    public GroupForm Input { get; set; } = new();

    public IReadOnlyList<GroupDetails> Groups { get; private set; } = [];

    public async Task OnGetAsync() => Groups = await groups.ListAsync(Aborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            switch (await groups.CreateAsync(Input.ToInput(), Actor, Aborted))
            {
                case AdminResult<GroupDetails>.Done done:
                    Notice = text["GroupCreated", done.Value.Name];
                    return RedirectToPage("/Admin/Portal/Groups/Edit", new { id = done.Value.Id });
                case AdminResult<GroupDetails>.Invalid invalid:
                    AddErrors(invalid.Errors);
                    break;
            }
        }

        Groups = await groups.ListAsync(Aborted);
        return Page();
    }
}
