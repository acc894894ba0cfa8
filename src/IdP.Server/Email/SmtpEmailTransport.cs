using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace IdP.Server.Email;

/// <summary>Sends through the configured SMTP server with MailKit, one connection per message.</summary>
internal sealed class SmtpEmailTransport(IOptions<EmailOptions> options, TimeProvider time) : IEmailTransport
{
    public async Task<EmailDelivery> SendAsync(EmailMessage message, EmailFrom from, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            // Built inside the try: whatever goes wrong with one message must come back as a result the outbox counts.
            using var mime = MimeMessages.Create(message, from, time.GetUtcNow());
            if (mime is null)
            {
                return MimeMessages.UnparsableRecipient;
            }

            var security = smtp.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(smtp.Host ?? "", smtp.EffectivePort, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new EmailDelivery.Delivered();
        }
        catch (Exception exception) when (IsDeliveryFailure(exception, cancellationToken))
        {
            // The server's answer or the network error, never the message: the outbox keeps it and retries.
            return new EmailDelivery.Failed($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private static bool IsDeliveryFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        CommandException or ProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or AuthenticationException or SslHandshakeException or SocketException or IOException or TimeoutException
            or NotSupportedException => true,
        _ => false,
    };
}
