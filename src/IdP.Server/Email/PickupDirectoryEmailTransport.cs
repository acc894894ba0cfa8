namespace IdP.Server.Email;

/// <summary>
/// "Sends" by writing each message as an <c>.eml</c> file to the pickup directory: the default when no SMTP host is
/// configured. Files appear whole (written to a temporary name, then renamed), so a watcher never reads half a message.
/// </summary>
internal sealed class PickupDirectoryEmailTransport(IOptions<EmailOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<PickupDirectoryEmailTransport> logger) : IEmailTransport
{
    /// <summary>The folder messages are written to.</summary>
    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory));

    public async Task<EmailDelivery> SendAsync(EmailMessage message, EmailFrom from, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var folder = Folder;
        var name = $"{now:yyyyMMdd-HHmmssfff}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(folder, name);
        var temporary = path + ".tmp";
        try
        {
            // Built inside the try: whatever goes wrong with one message must come back as a result the outbox counts.
            using var mime = MimeMessages.Create(message, from, now);
            if (mime is null)
            {
                return MimeMessages.UnparsableRecipient;
            }

            Directory.CreateDirectory(folder);
            await mime.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, path);
            Log.WrotePickupFile(logger, path);
            return new EmailDelivery.Delivered();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new EmailDelivery.Failed($"{exception.GetType().Name}: {exception.Message}");
        }
    }
}
