using MimeKit;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// A temporary pickup directory for a server's mail (the set-up without an SMTP host), removed when the server stops;
/// it reads the <c>.eml</c> files back as <see cref="TestSmtpServer"/> reads what it receives.
/// </summary>
public sealed class PickupFolder : IServerPart
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "idp-pickup-" + Guid.NewGuid().ToString("N"));

    public void Configure(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.With("IdP:Email:PickupDirectory", Path);
    }

    public Task StartAsync() => Task.CompletedTask;

    /// <summary>Waits (real time) for a message to <paramref name="to"/> in the folder.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string to)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(Path))
            {
                foreach (var file in Directory.GetFiles(Path, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == to))
                    {
                        return message;
                    }
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No .eml file for {to} in {Path}.");
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
