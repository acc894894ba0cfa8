namespace IdP.Server.Journeys;

/// <summary>
/// The journey's cancel URL. Cancelling changes state, so it happens only on POST (every journey page posts its Cancel
/// button to its own handler); a GET here (an old link, a bookmark) shows the question with the button instead.
/// </summary>
public sealed class CancelModel(JourneyPageServices services) : JourneyPageModel(services)
{
    public const string PageName = "/Journeys/Cancel";

    /// <summary>Back to where the journey started, for someone who did not mean to cancel.</summary>
    public string BackUrl { get; private set; } = "";

    public IActionResult OnGet()
    {
        BackUrl = Links.FirstPage(HttpContext, Journey, Flow.Type);
        return Page();
    }

    /// <summary>A form posted to the cancel URL itself cancels, as the button does.</summary>
    public Task<IActionResult> OnPostAsync() => OnPostCancelAsync();
}
