namespace IdP.Server.Protocol;

/// <summary>Error responses sent back to the app through OpenIddict (which applies the request's response mode).</summary>
internal static class OAuthResults
{
    /// <summary>
    /// An error for the app. <see cref="DescribeErrorsAsB2C"/> appends the correlation id and timestamp, as it does to
    /// OpenIddict's own errors.
    /// </summary>
    public static IResult Error(string error, string description)
    {
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });
        return Results.Forbid(properties, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
