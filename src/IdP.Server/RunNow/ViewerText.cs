namespace IdP.Server.RunNow;

/// <summary>The viewer's sentences, from RunNowText.resx: claim and error explanations, check results, times.</summary>
public static class ViewerText
{
    /// <summary>A time as the viewer shows it: UTC, to the second.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>One line on what a claim means, or null for claims we do not know.</summary>
    public static string? Claim(IStringLocalizer<RunNowText> text, string claim)
    {
        ArgumentNullException.ThrowIfNull(text);
        var explanation = text["Claim_" + claim];
        return explanation.ResourceNotFound ? null : explanation.Value;
    }

    /// <summary>The sentence for a check, passed or failed, with what was expected and found.</summary>
    public static string Check(IStringLocalizer<RunNowText> text, TokenCheck check)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(check);
        return text[$"Check_{check.Kind}_{(check.Passed ? "Passed" : "Failed")}", check.Expected ?? "", check.Actual ?? ""];
    }

    /// <summary>The sentence for a signature check.</summary>
    public static string Signature(IStringLocalizer<RunNowText> text, SignatureCheck check, string? keyId)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(check);
        return text[check.Valid ? "Check_Signature_Passed" : $"Signature_{check.Problem}", keyId ?? "?"];
    }

    /// <summary>What an error from the flow means and how to fix it: by B2C code when there is one, else by OAuth error.</summary>
    public static (string Meaning, string Fix) FlowError(IStringLocalizer<RunNowText> text, string? b2cCode, string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var key in new[] { b2cCode is null ? null : "Error_" + b2cCode, "OAuth_" + error })
        {
            if (key is not null && !text[key + "_Meaning"].ResourceNotFound)
            {
                return (text[key + "_Meaning"], text[key + "_Fix"]);
            }
        }

        return (text["Error_Unknown_Meaning"], text["Error_Unknown_Fix"]);
    }

    /// <summary>Why a token cannot be shown decoded.</summary>
    public static string NotReadable(IStringLocalizer<RunNowText> text, JwtProblem problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["Jwt_" + problem];
    }
}
