using IdP.Core.Email;
using MimeKit;
using MimeKit.Utils;

namespace IdP.Server.Email;

/// <summary>Our message as MIME: multipart/alternative with the plain-text and the HTML body.</summary>
internal static class MimeMessages
{
    public static MimeMessage Create(EmailMessage message, EmailFrom from, DateTimeOffset date)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(from.Name ?? "", from.Address));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        mime.Subject = message.Subject;
        mime.Date = date;
        var at = from.Address.LastIndexOf('@');
        mime.MessageId = MimeUtils.GenerateMessageId(at > 0 ? from.Address[(at + 1)..] : "localhost");
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
