using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace IdP.LoadGen;

/// <summary>
/// The SMTP server the IdP's outbox delivers to during the reset benchmark (a real one: the SmtpServer package on a
/// loopback port). It reads the verification code out of each message and hands it to the flow waiting for that
/// address.
/// </summary>
internal sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _codes = new(StringComparer.OrdinalIgnoreCase);
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private SmtpSink(int port)
    {
        var options = new SmtpServerOptionsBuilder().ServerName("bench.sink").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CodeStore(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
    }

    public static async Task<SmtpSink> StartAsync(int port)
    {
        var sink = new SmtpSink(port);
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return sink;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }

        throw new InvalidOperationException($"The SMTP sink did not start on port {port}.");
    }

    /// <summary>The next code sent to <paramref name="address"/>; call before asking for the code.</summary>
    public Task<string> ExpectCode(string address) => _codes.GetOrAdd(address, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string address) => _codes.TryRemove(address, out _);

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _server.ShutdownTask;
        await _running;
    }

    private void Received(MimeMessage message)
    {
        var code = SixDigits().Match(message.TextBody ?? "");
        foreach (var to in message.To.Mailboxes)
        {
            var waiting = _codes.GetOrAdd(to.Address, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
            if (code.Success)
            {
                waiting.TrySetResult(code.Value);
            }
            else
            {
                waiting.TrySetException(new FlowException("A message without a code: " + message.TextBody));
            }
        }
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    private sealed class CodeStore(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream((int)buffer.Length);
            foreach (var segment in buffer)
            {
                await stream.WriteAsync(segment, cancellationToken);
            }

            stream.Position = 0;
            sink.Received(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
