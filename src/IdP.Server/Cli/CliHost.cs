using System.Data.Common;
using System.Net.Sockets;

namespace IdP.Server.Cli;

/// <summary>
/// The server's configuration and service container for one command, built exactly as <c>Program.cs</c> builds them
/// (appsettings, environment variables, provider choice, every option validated as at start-up) but never started:
/// no Kestrel, and none of the hosted services (outbox, housekeeping, key refresh) run while a command does.
/// </summary>
internal sealed class CliHost(CliConsole console, CliHostOptions options)
{
    public CliConsole Console => console;

    /// <summary>Who the audit log names for changes made here: <c>cli:</c> and the operating-system user.</summary>
    public static string Actor => string.IsNullOrWhiteSpace(Environment.UserName) ? "cli" : "cli:" + Environment.UserName;

    /// <summary>
    /// Builds the container, validates configuration, brings the database to the state a server start would (unless
    /// <paramref name="initialize"/> is false: <c>migrate</c> does that itself), and runs <paramref name="command"/> in
    /// a service scope. Every failure becomes one line on the error stream and a non-zero exit code.
    /// </summary>
    public async Task<int> RunAsync(bool initialize, Func<IServiceProvider, CancellationToken, Task<int>> command, CancellationToken cancellationToken)
    {
        WebApplication? app = null;
        try
        {
            app = Build();
            app.Services.GetService<IStartupValidator>()?.Validate();
            await using var scope = app.Services.CreateAsyncScope();
            if (initialize && !await InitializeAsync(scope.ServiceProvider, cancellationToken))
            {
                return CliExit.Failed;
            }

            return await command(scope.ServiceProvider, cancellationToken);
        }
        catch (OptionsValidationException exception)
        {
            return Fail(CliText.Format("ConfigurationInvalid", exception.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(CliText.Get("Cancelled"));
        }
        catch (Exception exception) when (DatabaseFailure(exception) is { } failure)
        {
            return Fail(CliText.Format("DatabaseFailed", failure.Message));
        }
        catch (Exception exception)
        {
            // Not a user error, but a stack trace helps no operator reading a script's output: the type and message do.
            return Fail(CliText.Format("Unexpected", exception.GetType().Name, exception.Message));
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>Writes <c>error: …</c> to the error stream and answers <see cref="CliExit.Failed"/>.</summary>
    public int Fail(string message)
    {
        console.Error.WriteLine(CliText.Format("ErrorLine", message));
        return CliExit.Failed;
    }

    private WebApplication Build()
    {
        var defaults = ServerHostDefaults.Options([]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // The command's own arguments are not configuration (--email would become a setting named "email"). A
            // command ends before a changed appsettings.json could matter, so it watches no files (no inotify instance).
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = defaults.ContentRootPath,
            EnvironmentName = options.EnvironmentName,
            ApplicationName = typeof(CliHost).Assembly.GetName().Name,
        });
        builder.UseIdPHostDefaults();
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new CliLoggerProvider(console.Error));
        builder.AddIdPServer();
        // The AllowedHosts rule guards the URLs the server builds from a request's Host header; a command answers no
        // request, and `migrate` in a bare published folder (appsettings.json says "*") should not need the setting.
        builder.Services.PostConfigure<ServerOptions>(server => server.AllowAnyHost = true);
        options.Services?.Invoke(builder.Services);
        return builder.Build();
    }

    // What a server start does before it listens (IdPInitializer), but without the demo data; with migrations off, a
    // database that lacks some is refused with what to run instead of failing on a missing table.
    private async Task<bool> InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var initializer = services.GetRequiredService<IdPInitializer>();
        if (!services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ApplyMigrations
            && await initializer.PendingMigrationsAsync(cancellationToken) is { Count: > 0 } pending)
        {
            Fail(CliText.Format("MigrationsPending", pending.Count));
            return false;
        }

        await initializer.InitializeAsync(seedDemo: false, cancellationToken);
        return true;
    }

    // The database could not be reached or refused the work: the provider's own message says why (host, file, login)
    // without the connection string's password.
    private static Exception? DatabaseFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or SocketException)
            {
                return current;
            }
        }

        return exception is DbUpdateException ? exception : null;
    }
}
