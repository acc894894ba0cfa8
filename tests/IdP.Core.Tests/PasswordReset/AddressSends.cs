namespace IdP.Core.Tests.PasswordReset;

/// <summary>
/// One address's code sends as the reset service records them, asked in the service's order: the send slot's cooldown
/// first, then the hourly and daily counts. Codes are killed the way the service kills them: by wrong entries.
/// </summary>
internal sealed class AddressSends(ResetCodeWindow window, CodeEntryRules entries, FakeTimeProvider clock)
{
    private readonly List<EmailCodeSend> _sends = [];

    /// <summary>What a send now would get.</summary>
    public SendDecision Ask()
    {
        var now = clock.GetUtcNow();
        var counted = _sends.Where(s => s.SentAt > ResetCodeWindow.CountsAfter(now)).ToList();
        var cooldown = window.CheckCooldown(_sends.LastOrDefault()?.SentAt, counted.Count(s => s.ExhaustedAt is not null), now);
        return cooldown is SendDecision.Allowed ? window.CheckCounts(counted.Select(s => s.SentAt), now) : cooldown;
    }

    /// <summary>Asks, and records a send when it is allowed.</summary>
    public SendDecision Send()
    {
        var decision = Ask();
        if (decision is SendDecision.Allowed)
        {
            _sends.Add(new EmailCodeSend { Id = Guid.NewGuid(), AddressHash = "address", SentAt = clock.GetUtcNow() });
        }

        return decision;
    }

    /// <summary>Sends <paramref name="count"/> codes, each as soon as the cooldown allows.</summary>
    public void SendEach(int count, TimeSpan apart)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.IsType<SendDecision.Allowed>(Send());
            clock.Advance(apart);
        }
    }

    /// <summary>Enters wrong codes into the last code until it dies; returns how many it took.</summary>
    public int KillLastByWrongEntries()
    {
        var taken = 0;
        while (entries.MayTakeEntry(taken))
        {
            taken++;
            if (entries.AfterWrongEntry(taken) is VerifyCodeResult.Exhausted)
            {
                _sends[^1].ExhaustedAt = clock.GetUtcNow();
            }
        }

        return taken;
    }
}
