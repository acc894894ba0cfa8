namespace IdP.Server.Admin.Portal;

/// <summary>
/// <c>/admin/branding/strings/{language}</c>: the tenant's own wording of page and email strings in one language (the
/// admin API's <c>/branding/strings/{language}</c>). Every string is listed with its built-in text; an empty field keeps
/// the built-in one. The core checks each override (known key, length, placeholders) and audits the change.
/// </summary>
public sealed class BrandingStringsModel(BrandingAdministration branding, IStringLocalizer<PortalText> text) : PortalPageModel
{
    /// <summary>The prefix of an override field's name (<c>o.SignIn.button_signin</c>); keys contain dots, so they are read from the form as they are.</summary>
    public const string FieldPrefix = "o.";

    [FromRoute]
    public string Language { get; set; } = "";

    /// <summary>Every overridable string, with the tenant's text (or, after a refused Save, what was typed).</summary>
    public IReadOnlyList<StringEntry> Entries { get; private set; } = [];

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await branding.StringsAsync(Language, Aborted) is not AdminResult<IReadOnlyList<StringEntry>>.Done found)
        {
            context.Result = NotFoundPage();
            return;
        }

        Entries = found.Value;
        await base.OnPageHandlerExecutionAsync(context, next);
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Only the strings the page lists are read: a posted field for any other key is not this form's.
        var values = Entries.ToDictionary(e => e.Key, e => Request.Form.TryGetValue(FieldPrefix + e.Key, out var value) && !string.IsNullOrWhiteSpace(value) ? (string?)value.ToString() : null, StringComparer.Ordinal);
        return await AnswerAsync(
            await branding.SetStringsAsync(Language, values, Actor, Aborted),
            _ => text["BrandingStringsSaved", Language],
            _ => RedirectToPage(),
            () =>
            {
                Entries = [.. Entries.Select(e => e with { Override = values[e.Key] })];
                return Task.CompletedTask;
            },
            Entries.ToDictionary(e => e.Key, e => FieldPrefix + e.Key, StringComparer.Ordinal));
    }
}
