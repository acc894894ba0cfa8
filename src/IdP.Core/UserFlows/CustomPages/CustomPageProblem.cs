namespace IdP.Core.UserFlows.CustomPages;

/// <summary>Why a custom page template was refused or could not be fetched: stored with a flow, so it names no language.</summary>
public enum CustomPageFailure
{
    /// <summary>The template is empty.</summary>
    Empty,

    /// <summary>The template is larger than the limit; the detail is the limit in kilobytes.</summary>
    TooLarge,

    /// <summary>The template has form, iframe or frame elements; the detail lists those found (<c>&lt;iframe&gt;</c>…).</summary>
    ForbiddenElements,

    /// <summary>The template has no <c>&lt;div id="api"&gt;</c>.</summary>
    NoApiElement,

    /// <summary>The URI is not an absolute https address.</summary>
    UriNotHttps,

    /// <summary>The URI's host is (or resolves to) a private, loopback or link-local address.</summary>
    UriPrivate,

    /// <summary>The URI answered with a redirect.</summary>
    UriRedirect,

    /// <summary>The URI answered an error; the detail is the HTTP status code.</summary>
    UriStatus,

    /// <summary>The URI could not be reached; the detail is the <see cref="System.Net.Http.HttpRequestError"/> name.</summary>
    UriUnreachable,

    /// <summary>The URI did not answer in time; the detail is the timeout in whole seconds.</summary>
    UriTimeout,
}

/// <summary>
/// A custom page failure as the server keeps it: a reason and its one language-neutral detail (a status code, a limit,
/// element names). <see cref="Message"/> words it in the current UI culture, so each reader gets their own language (the
/// portal the administrator's, the admin API and command line English) whoever's request or process met the failure.
/// </summary>
public sealed record CustomPageProblem(CustomPageFailure Reason, string? Detail = null)
{
    /// <summary>The longest detail stored (the database column's length).</summary>
    public const int MaxDetailLength = 512;

    /// <summary>The failure in the current UI culture.</summary>
    public string Message => Reason switch
    {
        CustomPageFailure.Empty => AdminText.CustomPageEmpty,
        CustomPageFailure.TooLarge => AdminText.CustomPageTooLarge(Detail),
        CustomPageFailure.ForbiddenElements => AdminText.CustomPageForbiddenElements(Detail),
        CustomPageFailure.NoApiElement => AdminText.CustomPageNoApiElement,
        CustomPageFailure.UriNotHttps => AdminText.CustomPageUriNotHttps,
        CustomPageFailure.UriPrivate => AdminText.CustomPageUriPrivate,
        CustomPageFailure.UriRedirect => AdminText.CustomPageUriRedirect,
        CustomPageFailure.UriStatus => AdminText.CustomPageUriStatus(Detail),
        CustomPageFailure.UriUnreachable => AdminText.CustomPageUriUnreachable(Detail),
        CustomPageFailure.UriTimeout => AdminText.CustomPageUriTimeout(Detail),
        _ => throw new InvalidOperationException($"Unknown custom page failure {Reason}."),
    };

    /// <summary>
    /// Why the flow's last fetch failed, in the current UI culture; null when it worked. A flow whose failure an older
    /// version stored (its text alone, in the language of whoever triggered the fetch) shows that text as it is, until
    /// the next fetch (housekeeping's, within the refresh interval) stores a reason instead.
    /// </summary>
    public static string? Describe(UserFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.CustomPageFailure is { } reason ? new CustomPageProblem(reason, flow.CustomPageFailureDetail).Message : flow.CustomPageErrorText;
    }

    /// <summary>Records this failure on <paramref name="flow"/> (replacing any text an older version stored).</summary>
    public void ApplyTo(UserFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        flow.CustomPageFailure = Reason;
        flow.CustomPageFailureDetail = Detail is { Length: > MaxDetailLength } ? Detail[..MaxDetailLength] : Detail;
        flow.CustomPageErrorText = null;
    }

    /// <summary>Clears any failure recorded on <paramref name="flow"/>.</summary>
    public static void ClearFrom(UserFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        flow.CustomPageFailure = null;
        flow.CustomPageFailureDetail = null;
        flow.CustomPageErrorText = null;
    }

    /// <summary>The template is larger than <paramref name="maxKilobytes"/>.</summary>
    public static CustomPageProblem TooLarge(int maxKilobytes) => new(CustomPageFailure.TooLarge, maxKilobytes.ToString(CultureInfo.InvariantCulture));

    /// <summary>The URI answered <paramref name="status"/>.</summary>
    public static CustomPageProblem Status(int status) => new(CustomPageFailure.UriStatus, status.ToString(CultureInfo.InvariantCulture));

    /// <summary>The URI did not answer within <paramref name="timeout"/>.</summary>
    public static CustomPageProblem Timeout(TimeSpan timeout) => new(CustomPageFailure.UriTimeout, timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture));
}
