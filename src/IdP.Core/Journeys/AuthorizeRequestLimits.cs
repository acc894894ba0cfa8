namespace IdP.Core.Journeys;

/// <summary>
/// How long an app's authorize request may be. A journey keeps the request and, once the user is done, the browser
/// replays it as a GET with <c>tx</c> added, so it must fit the journey's column (8,192) and the request line of every
/// server and proxy on the way (Kestrel and nginx default to 8 KiB). 6 KiB leaves room for both and is far above what
/// apps send: the state of ASP.NET Core's OpenID Connect handler, the longest usual parameter, is under 2 KiB.
/// </summary>
public static class AuthorizeRequestLimits
{
    /// <summary>Longest replay URL (path and query) a journey accepts.</summary>
    public const int MaxLength = 6144;

    /// <summary>True when the request, as a replay URL, is short enough to start a journey.</summary>
    public static bool Fits(string replayUrl)
    {
        ArgumentNullException.ThrowIfNull(replayUrl);
        return replayUrl.Length <= MaxLength;
    }
}
