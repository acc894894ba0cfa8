using MimeKit;
using MimeKit.Utils;

namespace IdP.Server.Email;

/// <summary>Our message as MIME: multipart/alternative with the plain-text and the HTML body.</summary>
internal static class MimeMessages
{
    /// <summary>What a transport answers for a message <see cref="Create"/> could not build: final, never retried.</summary>
    public static EmailDelivery.Rejected UnparsableRecipient { get; } = new("The recipient's address cannot be parsed as an email address (MimeKit); no retry can change that.");

    /// <summary>The MIME message, or null when MimeKit cannot parse the recipient's address (no retry will change that).</summary>
    public static MimeMessage? Create(EmailMessage message, EmailFrom from, DateTimeOffset date)
    {
        MailboxAddress to;
        try
        {
            to = new MailboxAddress(message.ToName ?? "", message.ToAddress);
        }
        catch (ParseException)
        {
            return null;
        }

        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(from.Name ?? "", from.Address));
        mime.To.Add(to);
        mime.Subject = message.Subject;
        mime.Date = date;
        var at = from.Address.LastIndexOf('@');
        mime.MessageId = MimeUtils.GenerateMessageId(at > 0 ? from.Address[(at + 1)..] : "localhost");
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
