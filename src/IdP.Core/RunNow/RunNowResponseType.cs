namespace IdP.Core.RunNow;

/// <summary>What a run asks the flow for: an ID token straight away (B2C's Run now default) or a code to redeem.</summary>
public enum RunNowResponseType
{
    IdToken,
    Code,
}

/// <summary>Wire values of <see cref="RunNowResponseType"/>.</summary>
public static class RunNowResponseTypes
{
    public const string IdToken = "id_token";
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
