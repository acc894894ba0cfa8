namespace IdP.Server.Admin.Portal;

/// <summary>
/// Base of the portal's pages that edit one thing (an application, a group, a user flow, a user): the thing is read
/// once before any handler and the page answers 404 when it does not exist; a delete is confirmed on a page of its own
/// (<c>?handler=Delete</c>); a change answers as <see cref="PortalPageModel.AnswerAsync"/> does, back to this page after
/// a save and to the list after a delete.
/// </summary>
/// <typeparam name="TDetails">The thing as the core's administration service reads it.</typeparam>
/// <param name="listPage">The page that lists these things, where a delete goes back to.</param>
public abstract class PortalEditPageModel<TDetails>(string listPage) : PortalPageModel
    where TDetails : class
{
    /// <summary>The thing as stored when the request came in.</summary>
    public TDetails? Details { get; protected set; }

    /// <summary>Whether the page asks to confirm a delete.</summary>
    public bool ConfirmingDelete { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await FindAsync() is not { } found)
        {
            context.Result = NotFoundPage();
            return;
        }

        Details = found;
        await base.OnPageHandlerExecutionAsync(context, next);
    }

    public async Task OnGetDeleteAsync()
    {
        ConfirmingDelete = true;
        await LoadAsync(fill: true);
    }

    /// <summary>The thing the route names, or null when it does not exist (or may not be edited here).</summary>
    protected abstract Task<TDetails?> FindAsync();

    /// <summary>
    /// Prepares the page: with <paramref name="fill"/> the form shows the stored values, without it the posted ones
    /// (which failed validation and stand with their errors).
    /// </summary>
    protected abstract Task LoadAsync(bool fill);

    /// <summary>This page again, for the thing it edits (post/redirect/get).</summary>
    protected abstract IActionResult RedirectToSelf();

    /// <summary>Answers a change of the thing: its notice and this page again, or its errors and the form.</summary>
    protected Task<IActionResult> SavedAsync<T>(AdminResult<T> result, string notice, IReadOnlyDictionary<string, string>? fields = null, bool fill = true) =>
        AnswerAsync(result, _ => notice, _ => RedirectToSelf(), () => LoadAsync(fill), fields);

    /// <summary>Answers a delete: its notice and the list, or its errors and the page again.</summary>
    protected Task<IActionResult> DeletedAsync<T>(AdminResult<T> result, string notice, IReadOnlyDictionary<string, string>? fields = null) =>
        AnswerAsync(result, _ => notice, _ => RedirectToPage(listPage), () => LoadAsync(fill: true), fields);

    /// <summary>The value of a read that found what it asked for, or null.</summary>
    protected static TDetails? Found(AdminResult<TDetails> result) => (result as AdminResult<TDetails>.Done)?.Value;
}
