using IdP.Core.Accounts;
using IdP.Core.Administration;
using IdP.Core.Groups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace IdP.Server.Admin.Portal.Groups;

/// <summary>
/// <c>/admin/groups/{id}</c>: rename, members (added by sign-in name, removed by a button), and deletion after a
/// confirmation (the core refuses the group the password-reset switch names).
/// </summary>
public sealed class EditModel(GroupAdministration groups, AccountService accounts, IStringLocalizer<PortalText> text) : PortalPageModel
{
    /// <summary>Members shown (the first page; larger groups are read through the admin API).</summary>
    public const int MembersShown = 200;

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty]
    public GroupForm Input { get; set; } = new();

    [BindProperty]
    public string? MemberSignInName { get; set; }

    [BindProperty]
    public Guid? MemberId { get; set; }

    public GroupDetails? Details { get; private set; }

    public IReadOnlyList<UserDetails> Members { get; private set; } = [];

    public bool ConfirmingDelete { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await groups.GetAsync(Id, Aborted) is not AdminResult<GroupDetails>.Done found)
        {
            context.Result = NotFoundPage();
            return;
        }

        Details = found.Value;
        await base.OnPageHandlerExecutionAsync(context, next);
    }

    public async Task OnGetAsync() => await LoadAsync(fill: true);

    public async Task OnGetDeleteAsync()
    {
        ConfirmingDelete = true;
        await LoadAsync(fill: true);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            switch (await groups.UpdateAsync(Id, Input.ToInput(), Actor, Aborted))
            {
                case AdminResult<GroupDetails>.Done:
                    Notice = text["GroupSaved"];
                    return RedirectToPage("/Admin/Portal/Groups/Edit", new { id = Id });
                case AdminResult<GroupDetails>.Invalid invalid:
                    AddErrors(invalid.Errors);
                    break;
            }
        }

        await LoadAsync(fill: false);
        return Page();
    }

    public async Task<IActionResult> OnPostAddMemberAsync()
    {
        ModelState.Clear();
        var name = MemberSignInName?.Trim() ?? "";
        var account = name.Length == 0 ? null
            : await accounts.FindBySignInNameAsync(SignInNameKind.Email, name, Aborted) ?? await accounts.FindBySignInNameAsync(SignInNameKind.Username, name, Aborted);
        if (account is null)
        {
            ModelState.AddModelError(nameof(MemberSignInName), text["NoSuchUser"]);
        }
        else
        {
            switch (await groups.AddMemberAsync(Id, account.Id, Actor, Aborted))
            {
                case AdminResult<GroupDetails>.Done:
                    Notice = text["MemberAdded", name];
                    return RedirectToPage("/Admin/Portal/Groups/Edit", new { id = Id });
                case AdminResult<GroupDetails>.Invalid invalid:
                    AddErrors(invalid.Errors, new Dictionary<string, string> { ["accountId"] = nameof(MemberSignInName) });
                    break;
            }
        }

        await LoadAsync(fill: true);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync()
    {
        if (MemberId is { } member && await groups.RemoveMemberAsync(Id, member, Actor, Aborted) is AdminResult<GroupDetails>.Done)
        {
            Notice = text["MemberRemoved"];
        }

        return RedirectToPage("/Admin/Portal/Groups/Edit", new { id = Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        switch (await groups.DeleteAsync(Id, Actor, Aborted))
        {
            case AdminResult<GroupDetails>.Done:
                Notice = text["GroupDeleted", Details!.Name];
                return RedirectToPage("/Admin/Portal/Groups/Index");
            case AdminResult<GroupDetails>.Invalid invalid:
                ModelState.Clear();
                AddErrors(invalid.Errors, new Dictionary<string, string> { ["id"] = "", ["groupId"] = "" });
                await LoadAsync(fill: true);
                return Page();
            default:
                return NotFoundPage();
        }
    }

    private async Task LoadAsync(bool fill)
    {
        if (fill)
        {
            Input = new GroupForm { Name = Details!.Name, Description = Details.Description };
        }

        Members = await groups.MembersAsync(Id, 1, MembersShown, Aborted) is AdminResult<Paged<UserDetails>>.Done page ? page.Value.Items : [];
    }
}
