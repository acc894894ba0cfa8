using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace IdP.Server.Cli;

/// <summary>
/// The server binary's commands (<c>IdP.Server admin create …</c>): each builds the server's configuration and
/// services, does one thing through the same IdP.Core services as the admin API and portal (same rules, same audit
/// events, with <c>cli:{user}</c> as the actor), prints what it did and exits. Without a command the server starts.
/// </summary>
public static class IdPCli
{
    private static readonly HashSet<string> HelpTokens = new(StringComparer.Ordinal) { "--help", "-h", "-?", "/?", "/h", "--version" };

    /// <summary>
    /// True when <paramref name="args"/> ask for a command rather than the server: the first argument is a word (not a
    /// host setting such as <c>--urls …</c>, <c>/key value</c> or <c>key=value</c>), or help.
    /// </summary>
    public static bool IsCommand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            return false;
        }

        var first = args[0];
        return HelpTokens.Contains(first) || (first.Length > 0 && first[0] is not ('-' or '/') && !first.Contains('=', StringComparison.Ordinal));
    }

    /// <summary>Runs the command <paramref name="args"/> name and returns its exit code (<see cref="CliExit"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CliHostOptions? host = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        // English, as the admin API: the core's rule messages follow the UI culture (the portal shows them in French),
        // and a French machine must not print them in French between the command line's English lines, nor write the
        // numbers in them the French way.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Languages.Default);
        var cli = new CliHost(console, host ?? new CliHostOptions());
        var root = Root(cli);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not { ClearsParseErrors: true })
        {
            foreach (var error in parsed.Errors)
            {
                console.Error.WriteLine(CliText.Format("ErrorLine", error.Message));
            }

            console.Error.WriteLine(CliText.Format("UsageHint", CommandPath(parsed.CommandResult)));
            return CliExit.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // Commands catch what they expect; anything else is reported by CliHost, never as a stack trace.
            EnableDefaultExceptionHandler = false,
        }, cancellationToken);
    }

    private static RootCommand Root(CliHost cli)
    {
        var root = new RootCommand(CliText.Get("RootDescription"));
        foreach (var option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Action = new HelpAction { MaxWidth = 120 };
            }
        }

        root.Subcommands.Add(AdminCommands.Create(cli));
        root.Subcommands.Add(AppsCommands.Create(cli));
        root.Subcommands.Add(FlowsCommands.Create(cli));
        root.Subcommands.Add(UsersCommands.Create(cli));
        root.Subcommands.Add(MigrateCommand.Create(cli));
        root.Subcommands.Add(KeysCommands.Create(cli));
        root.Subcommands.Add(SettingsCommands.Create(cli));
        return root;
    }

    private static string CommandPath(CommandResult? result)
    {
        var names = new List<string>();
        for (var current = result; current is not null; current = current.Parent as CommandResult)
        {
            names.Insert(0, current.Command is RootCommand ? RootCommand.ExecutableName : current.Command.Name);
        }

        return string.Join(' ', names);
    }
}
