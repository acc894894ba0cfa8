using IdP.Core.Telemetry;
using IdP.Core.UserFlows;

namespace IdP.Core.PasswordReset;

/// <summary>
/// Step 1 of a reset: verification codes for one journey's email address, through <see cref="EmailCodeService"/>
/// (hashed codes; per-code, per-address and time limits kept in the database). Until a code is verified, a known
/// and an unknown address get the same answers for the same work; only the known one's code is mailed, and only to
/// the address as the account stores it.
/// </summary>
public sealed class ResetCodeService(
    EmailCodeService codes,
    ResetAccounts accounts,
    IdPMetrics metrics)
{
    /// <summary>Where the journey's verification stands.</summary>
    public async Task<ResetCodeState> GetStateAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var latest = await codes.LatestAsync(Scope(journey), cancellationToken);
        return latest is null ? ResetCodeState.None : new ResetCodeState(latest.Status, latest.Address, latest.Username);
    }

    /// <summary>
    /// "Send verification code" for the typed address: the code is mailed to the address as an account stores it, when
    /// one stores the typed address (but for ASCII case); otherwise nothing is mailed, and the answer is the same.
    /// </summary>
    public Task<SendCodeResult> SendAsync(ResetRequest request, string? email, string? username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ResetInputProblem? emailProblem = string.IsNullOrWhiteSpace(email) ? ResetInputProblem.Required
            : SignInNameNormalizer.Validate(SignInNameKind.Email, email) is null ? null : ResetInputProblem.Malformed;
        ResetInputProblem? usernameProblem = null;
        if (request.Flow.SignInType == SignInNameKind.Username)
        {
            usernameProblem = string.IsNullOrWhiteSpace(username) ? ResetInputProblem.Required
                : SignInNameNormalizer.Validate(SignInNameKind.Username, username) is null ? null : ResetInputProblem.Malformed;
        }

        if (emailProblem is not null || usernameProblem is not null)
        {
            return Task.FromResult<SendCodeResult>(new SendCodeResult.Invalid(emailProblem, usernameProblem));
        }

        var typedUsername = request.Flow.SignInType == SignInNameKind.Username ? username!.Trim() : null;
        return SendCoreAsync(request, email!.Trim(), typedUsername, cancellationToken);
    }

    /// <summary>"Send new code": the same as the last send of this journey, with what was typed then.</summary>
    public async Task<SendCodeResult> ResendAsync(ResetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var latest = await codes.LatestAsync(Scope(request.Journey), cancellationToken);
        if (latest is not { Status: EmailVerificationStatus.Pending or EmailVerificationStatus.Exhausted })
        {
            return new SendCodeResult.NoCode();
        }

        return await SendCoreAsync(request, latest.Address, latest.Username, cancellationToken);
    }

    /// <summary>Checks a typed code against the journey's current one ("Verify code").</summary>
    public async Task<VerifyCodeResult> VerifyAsync(ResetRequest request, string? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Looked up on every path (known or unknown address) so the audit trail names the account and timing stays even.
        // Matched again by the same rule as at sending, so the account is one whose stored address received the code.
        var result = await codes.VerifyAsync(Scope(request.Journey), request.Flow.Name, request.Journey.ClientId, input,
            async (row, ct) => (await accounts.MatchAsync(request.Flow.SignInType, row.Address, row.Username, ct)).Account?.Id, cancellationToken);
        if (result is not VerifyCodeResult.Empty)
        {
            metrics.ResetCode(result is VerifyCodeResult.Verified ? ResetCodeOutcome.Verified : ResetCodeOutcome.Failed);
        }

        return result;
    }

    /// <summary>Drops the journey's code and verification ("Change e-mail"): step 1 starts again, prefilled.</summary>
    public async Task ChangeAddressAsync(AuthorizationJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        await codes.ReplaceCurrentAsync(Scope(journey), cancellationToken);
    }

    private async Task<SendCodeResult> SendCoreAsync(ResetRequest request, string address, string? username, CancellationToken cancellationToken)
    {
        var (journey, flow, tenant) = request;

        // The same work for every address: the same lookups, a code and its hash, the message, its protection and its
        // outbox row. An unknown address (Mailbox null) gets a decoy row the worker drops unsent; nothing the person
        // sees, and no query or statement this request makes, depends on which it is.
        var (account, mailbox) = await accounts.MatchAsync(flow.SignInType, address, username, cancellationToken);
        var result = await codes.SendAsync(new EmailCodeSendRequest(Scope(journey), flow.Name, journey.ClientId, tenant, address, username, account, mailbox), cancellationToken);
        metrics.ResetCode(result is SendCodeResult.Sent ? ResetCodeOutcome.Sent : ResetCodeOutcome.Throttled);
        return result;
    }

    private static EmailCodeScope Scope(AuthorizationJourney journey) => new(journey.Id, EmailCodeUse.PasswordReset);
}

/// <summary>The journey a reset runs in, its flow and tenant.</summary>
/// <param name="Journey">The journey the reset runs in.</param>
/// <param name="Flow">The journey's user flow (sign-in type, password complexity).</param>
/// <param name="Tenant">The tenant, whose name the emails carry.</param>
public sealed record ResetRequest(AuthorizationJourney Journey, UserFlow Flow, Tenant Tenant);
