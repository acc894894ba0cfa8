namespace IdP.Server.Tests.Infrastructure;

/// <summary>
/// One server node as operators run it: <c>dotnet IdP.Server.dll</c> in a process of its own on a loopback port,
/// configured through environment variables, its output kept for failure messages. It can be killed (as a crash or an
/// orchestrator would) and started again on the same port and settings.
/// </summary>
public sealed class ServerNode(string name, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("idp-node-").FullName;
    private Process? _process;

    public string Name { get; } = name;

    public int Port { get; } = LoopbackPort.Free();

    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the process and waits until <c>/healthz/ready</c> answers 200.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.ServerBuild, "IdP.Server.dll"));
        start.ArgumentList.Add($"--urls={Address.ToString().TrimEnd('/')}");
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        start.Environment["IdP__Email__PickupDirectory"] = Path.Combine(_folder, "mail");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var ready = await client.GetAsync("/healthz/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"Node {Name} did not become ready: {Output}");
    }

    /// <summary>Kills the process at once, as a crash or an out-of-memory kill would: no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process; the temp folder is cleaned by the OS.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine($"[{Name}] {line}");
            }
        }
    }
}
