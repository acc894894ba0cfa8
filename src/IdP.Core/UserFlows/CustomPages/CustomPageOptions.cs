namespace IdP.Core.UserFlows.CustomPages;

/// <summary>Bound from <c>IdP:CustomPages</c>: how custom page templates given by URI are fetched and refreshed.</summary>
public sealed class CustomPageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "IdP:CustomPages";

    /// <summary>How long the server waits for a template's address to answer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How old the stored copy of a template may get before housekeeping fetches it again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Host names whose private or loopback addresses are trusted (an intranet template server). Every other host must
    /// resolve to public addresses only, so a template URI cannot make the server reach into its own network.
    /// </summary>
    public IList<string> TrustedPrivateHosts { get; } = [];
}
