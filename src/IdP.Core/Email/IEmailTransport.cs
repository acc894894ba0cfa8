namespace IdP.Core.Email;

/// <summary>Hands one message to the mail system (an SMTP server, a pickup folder). Failures are results, not exceptions.</summary>
public interface IEmailTransport
{
    /// <summary>Sends <paramref name="message"/> from <paramref name="from"/>.</summary>
    Task<EmailDelivery> SendAsync(EmailMessage message, EmailFrom from, CancellationToken cancellationToken);
}

/// <summary>Outcome of handing a message to the mail system.</summary>
public abstract record EmailDelivery
{
    private EmailDelivery()
    {
    }

    /// <summary>The mail system accepted the message.</summary>
    public sealed record Delivered : EmailDelivery;

    /// <summary>It did not; <see cref="Error"/> says why (never the message content). Worth another try later.</summary>
    public sealed record Failed(string Error) : EmailDelivery;

    /// <summary>It never will: the message itself is unusable (an address the mail library cannot parse). Not retried.</summary>
    /// <param name="Error">Why, for the operator (never the message content).</param>
    public sealed record Rejected(string Error) : EmailDelivery;
}
