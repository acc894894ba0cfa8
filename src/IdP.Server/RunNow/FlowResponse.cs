namespace IdP.Server.RunNow;

/// <summary>The authorization response the viewer received, however it came (form_post, relayed fragment or query).</summary>
public sealed record FlowResponse(string? State, string? IdToken, string? Code, string? Error, string? ErrorDescription, ResponseMode Mode)
{
    /// <summary>True when the request carries nothing of an authorization response (someone just opened the viewer).</summary>
    public bool IsEmpty => State is null && IdToken is null && Code is null && Error is null;

    /// <summary>Reads the response parameters from a form or query.</summary>
    public static FlowResponse Read(Func<string, string?> value, ResponseMode mode)
    {
        ArgumentNullException.ThrowIfNull(value);
        string? Get(string name) => value(name) is { Length: > 0 } text ? text : null;
        return new FlowResponse(Get("state"), Get("id_token"), Get("code"), Get("error"), Get("error_description"), mode);
    }
}

/// <summary>How the response reached the viewer.</summary>
public enum ResponseMode
{
    FormPost,

    /// <summary>In the URL fragment, posted on by the viewer's small same-origin script.</summary>
    Fragment,

    Query,
}
