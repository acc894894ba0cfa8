namespace IdP.Server.RunNow;

/// <summary>What the viewer shows for a request.</summary>
public abstract record ViewerOutcome
{
    private ViewerOutcome()
    {
    }

    /// <summary>Nothing received (yet): the page explains itself and relays a fragment if there is one.</summary>
    public sealed record Waiting : ViewerOutcome;

    public sealed record TenantNotFound : ViewerOutcome;

    /// <summary>The state is not that of a run started in this browser.</summary>
    public sealed record UnknownRun : ViewerOutcome;

    public sealed record ExpiredRun(RunNowRun Run) : ViewerOutcome;

    public sealed record AlreadyShown(RunNowRun Run) : ViewerOutcome;

    /// <summary>The run's user flow was deleted since it started.</summary>
    public sealed record FlowNotFound(RunNowRun Run) : ViewerOutcome;

    /// <summary>The flow answered with an error (AADB2C90091 cancel, AADB2C90118…).</summary>
    public sealed record FlowError(RunNowRun Run, string Error, string? Description, ResponseMode Mode) : ViewerOutcome
    {
        /// <summary>B2C's code at the start of the description (e.g. AADB2C90091), if any.</summary>
        public string? Code => B2CErrorCodes.CodeOf(Description);
    }

    /// <summary>The response does not fit the run: a code for an id_token run, or nothing usable.</summary>
    public sealed record UnexpectedResponse(RunNowRun Run) : ViewerOutcome;

    /// <summary>The token endpoint refused the code.</summary>
    public sealed record RedemptionRefused(RunNowRun Run, string Error, string? Description) : ViewerOutcome;

    /// <summary>The server could not redeem the code (no own address with the scheme, its token endpoint unreachable or unreadable, or the verifier unreadable).</summary>
    public sealed record RedemptionFailed(RunNowRun Run, string TokenEndpoint) : ViewerOutcome;

    /// <summary>Tokens, decoded and checked.</summary>
    public sealed record Tokens(RunNowRun Run, ResponseMode Mode, IReadOnlyList<TokenCheck> ResponseChecks, TokenView IdToken) : ViewerOutcome
    {
        public TokenView? AccessToken { get; init; }
        public string? RefreshToken { get; init; }
        public RefreshTokenFacts? RefreshTokenFacts { get; init; }
        public CodeRedemption.Tokens? TokenResponse { get; init; }
    }
}

/// <summary>One token as the viewer shows it: raw, decoded, and what was checked.</summary>
public sealed record TokenView(string Raw, JwtDecoding Decoding, SignatureCheck? Signature, IReadOnlyList<TokenCheck> Checks)
{
    public DecodedJwt? Jwt => (Decoding as JwtDecoding.Decoded)?.Token;
}
