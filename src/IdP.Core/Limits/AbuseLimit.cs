namespace IdP.Core.Limits;

/// <summary>What an abuse limit counts. Each has its own <see cref="LimitRule"/> in <see cref="AbuseLimitOptions"/>.</summary>
public enum AbuseLimit
{
    /// <summary>Authorize requests that start a journey (a stored row and the sign-in page).</summary>
    JourneyStarts,

    /// <summary>Run now starts (a stored run and an authorize request).</summary>
    RunNowStarts,

    /// <summary>Sign-in form posts that check a password (the forced password change's too): in front of the per-name lockout.</summary>
    SignInAttempts,

    /// <summary>Password-reset codes sent, across every address one client asks for.</summary>
    ResetCodeSends,

    /// <summary>Password-reset code entries, across every address one client guesses for.</summary>
    ResetCodeGuesses,

    /// <summary>Token endpoint requests.</summary>
    TokenRequests,

    /// <summary>Failed admin credential checks (admin client secret, admin API bearer tokens, admin portal sign-ins).</summary>
    AdminAuthentication,
}
