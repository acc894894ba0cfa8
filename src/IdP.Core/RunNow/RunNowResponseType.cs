namespace IdP.Core.RunNow;

/// <summary>What a run asks the flow for: an ID token straight away (B2C's Run now default) or a code to redeem.</summary>
public enum RunNowResponseType
{
    /// <summary>An ID token straight from the authorize endpoint (implicit flow), as B2C's Run now does.</summary>
    IdToken,

    /// <summary>An authorization code, which the viewer redeems when the response comes to it.</summary>
    Code,
}

/// <summary>Wire values of <see cref="RunNowResponseType"/>.</summary>
public static class RunNowResponseTypes
{
    /// <summary>The <c>response_type</c> value of <see cref="RunNowResponseType.IdToken"/>.</summary>
    public const string IdToken = "id_token";

    /// <summary>The <c>response_type</c> value of <see cref="RunNowResponseType.Code"/>.</summary>
    public const string Code = "code";

    /// <summary>The <c>response_type</c> value.</summary>
    public static string ToWireValue(this RunNowResponseType type) => type == RunNowResponseType.Code ? Code : IdToken;

    /// <summary>Reads a <c>response_type</c> value; only the two run-now supports.</summary>
    public static bool TryParse(string? value, out RunNowResponseType type)
    {
        (var known, type) = value switch
        {
            IdToken => (true, RunNowResponseType.IdToken),
            Code => (true, RunNowResponseType.Code),
            _ => (false, RunNowResponseType.IdToken),
        };
        return known;
    }
}
