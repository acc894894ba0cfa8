using System.Buffers;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// A real SMTP server inside the test process (the SmtpServer package) on a loopback port. It keeps every message it
/// receives, and can be stopped and started again on the same port to play an outage.
/// </summary>
public sealed partial class TestSmtpServer : IServerPart
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public TestSmtpServer() => Port = LoopbackPort.Free();

    public int Port { get; }

    public bool IsRunning => _server is not null;

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    /// <summary>Points a server factory at this SMTP server (before the factory starts).</summary>
    public void Configure(IdPFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.With("IdP:Email:Smtp:Host", "127.0.0.1")
            .With("IdP:Email:Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("IdP:Email:Smtp:Security", "None")
            .With("IdP:Email:FromAddress", "no-reply@contoso.test");
    }

    public async Task StartAsync()
    {
        if (_server is not null)
        {
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new RecordingStore(_messages));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
        await WaitUntilListeningAsync();
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _server.ShutdownTask;
        if (_running is not null)
        {
            await _running;
        }

        _server = null;
        _running = null;
    }

    /// <summary>Messages sent to <paramref name="address"/> (case-insensitive).</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits (real time) until <paramref name="count"/> messages have reached <paramref name="address"/>; returns the last.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        // Long enough for one failed attempt and its retry (the outbox waits 15 s): on a loaded 2-core CI machine a send
        // can fail once (a CI run lost a password-changed email to a 5 s SMTP timeout and this wait ended first).
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        while (DateTime.UtcNow < deadline)
        {
            var received = To(address);
            if (received.Count >= count)
            {
                return received[count - 1];
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No message #{count} for {address} within the timeout; received {Messages.Count} message(s) in all.");
    }

    /// <summary>The six-digit code in a verification email's plain-text body.</summary>
    public static string CodeIn(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = SixDigits().Match(message.TextBody ?? "");
        return match.Success ? match.Value : throw new InvalidOperationException("No code in the message: " + message.TextBody);
    }

    /// <summary>Waits for the <paramref name="count"/>th message to <paramref name="address"/> and reads its code.</summary>
    public async Task<string> WaitForCodeAsync(string address, int count = 1) => CodeIn(await WaitForMessageAsync(address, count));

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }

        throw new InvalidOperationException($"The test SMTP server did not start on port {Port}.");
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    private sealed class RecordingStore(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream();
            foreach (var segment in buffer)
            {
                await stream.WriteAsync(segment, cancellationToken);
            }

            stream.Position = 0;
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
