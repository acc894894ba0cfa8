namespace IdP.Core.RunNow;

/// <summary>
/// The optional parameters of a run-now URL, checked and completed with B2C's defaults: the built-in application and
/// its viewer when no <c>client_id</c> is given, <c>response_type=id_token</c>, and <c>scope=openid</c>
/// (<c>openid offline_access</c> for a code run, so the viewer also shows a refresh token).
/// </summary>
/// <param name="ClientId">The application to run for; null for the built-in one.</param>
/// <param name="RedirectUri">The reply URL; null to let Run now choose.</param>
/// <param name="ResponseType">What to ask the flow for.</param>
/// <param name="Scope">The scopes to ask for, <c>openid</c> first.</param>
/// <param name="UiLocales">Passed on to the flow.</param>
/// <param name="LoginHint">Passed on to the flow.</param>
public sealed record RunNowParameters(string? ClientId, string? RedirectUri, RunNowResponseType ResponseType, string Scope, string? UiLocales, string? LoginHint)
{
    /// <summary>The application to run the flow for; the built-in application when absent.</summary>
    public const string ClientIdName = "client_id";

    /// <summary>Where the flow's response goes; when absent, the viewer if the application has it, else its only reply URL.</summary>
    public const string RedirectUriName = "redirect_uri";

    /// <summary>What the run asks the flow for: <c>id_token</c> (the default) or <c>code</c>.</summary>
    public const string ResponseTypeName = "response_type";

    /// <summary>Scopes to ask for; <c>openid</c> is added when missing.</summary>
    public const string ScopeName = "scope";

    /// <summary>Passed on to the flow, for the language of its pages.</summary>
    public const string UiLocalesName = "ui_locales";

    /// <summary>Passed on to the flow, to fill in the sign-in name.</summary>
    public const string LoginHintName = "login_hint";

    private static readonly Dictionary<string, int> MaxLengths = new(StringComparer.Ordinal)
    {
        [ClientIdName] = 256,
        [RedirectUriName] = 2048,
        [ResponseTypeName] = 32,
        [ScopeName] = 1024,
        [UiLocalesName] = 64,
        [LoginHintName] = 256,
    };

    /// <summary>The parameters a run-now URL may carry (besides <c>p</c> in the query form).</summary>
    public static IReadOnlySet<string> Names { get; } = MaxLengths.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Reads a run-now URL's query; names it does not know (such as <c>p</c>) are ignored.</summary>
    public static RunNowParameterCheck Parse(IEnumerable<KeyValuePair<string, string?>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (!MaxLengths.TryGetValue(name, out var maxLength) || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!values.TryAdd(name, value.Trim()))
            {
                return new RunNowParameterCheck.Invalid(RunNowParameterProblem.Repeated, name);
            }

            if (value.Length > maxLength)
            {
                return new RunNowParameterCheck.Invalid(RunNowParameterProblem.TooLong, name);
            }
        }

        var responseType = RunNowResponseType.IdToken;
        if (values.TryGetValue(ResponseTypeName, out var requested) && !RunNowResponseTypes.TryParse(requested, out responseType))
        {
            return new RunNowParameterCheck.Invalid(RunNowParameterProblem.UnsupportedResponseType, ResponseTypeName);
        }

        var scope = values.TryGetValue(ScopeName, out var scopes) ? WithOpenId(scopes)
            : responseType == RunNowResponseType.Code ? "openid offline_access" : "openid";

        return new RunNowParameterCheck.Valid(new RunNowParameters(
            values.GetValueOrDefault(ClientIdName),
            values.GetValueOrDefault(RedirectUriName),
            responseType,
            scope,
            values.GetValueOrDefault(UiLocalesName),
            values.GetValueOrDefault(LoginHintName)));
    }

    // Every run returns an ID token, which needs the openid scope: it is added (first) when the developer left it out.
    private static string WithOpenId(string scopes)
    {
        var list = scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        list.Remove("openid");
        list.Insert(0, "openid");
        return string.Join(' ', list);
    }
}

/// <summary>Outcome of reading a run-now URL's parameters.</summary>
public abstract record RunNowParameterCheck
{
    private RunNowParameterCheck()
    {
    }

    /// <summary>The URL's parameters are usable.</summary>
    /// <param name="Parameters">The parameters, with B2C's defaults filled in.</param>
    public sealed record Valid(RunNowParameters Parameters) : RunNowParameterCheck;

    /// <summary>The run cannot start.</summary>
    /// <param name="Problem">What is wrong.</param>
    /// <param name="Parameter">The name of the parameter it is wrong with.</param>
    public sealed record Invalid(RunNowParameterProblem Problem, string Parameter) : RunNowParameterCheck;
}

/// <summary>Why a run-now URL's parameters were refused.</summary>
public enum RunNowParameterProblem
{
    /// <summary><c>response_type</c> is neither <c>id_token</c> nor <c>code</c>.</summary>
    UnsupportedResponseType,

    /// <summary>A parameter is given more than once.</summary>
    Repeated,

    /// <summary>A parameter is longer than any sensible value.</summary>
    TooLong,
}
