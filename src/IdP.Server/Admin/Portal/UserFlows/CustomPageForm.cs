using IdP.Core.UserFlows.CustomPages;

namespace IdP.Server.Admin.Portal.UserFlows;

/// <summary>
/// The flow page's "Page layout" form (B2C's "Use custom page content"): a template URI the server fetches, or the
/// template's HTML pasted in. Both empty: the default pages.
/// </summary>
public sealed class CustomPageForm
{
    /// <summary>Where the admin API's field errors land on this form.</summary>
    public static IReadOnlyDictionary<string, string> Fields { get; } = new Dictionary<string, string>
    {
        [CustomPageService.UriField] = "CustomPage.Uri",
        [CustomPageService.ContentField] = "CustomPage.Content",
    };

    public string? Uri { get; set; }

    public string? Content { get; set; }

    /// <summary>The form of a stored flow: its URI, or its uploaded template (a fetched copy is not edited here).</summary>
    public static CustomPageForm Of(UserFlowDetails flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new CustomPageForm { Uri = flow.CustomPageUri, Content = flow.CustomPageUri is null ? flow.CustomPageContent : null };
    }

    /// <summary>A URI wins over pasted HTML (its copy is what is shown); both empty remove the template.</summary>
    public UserFlowInput ToInput() => string.IsNullOrWhiteSpace(Uri)
        ? new UserFlowInput { CustomPageContent = Content ?? "" }
        : new UserFlowInput { CustomPageUri = Uri.Trim() };
}
