namespace IdP.Server.Cli;

/// <summary>
/// <c>users import FILE</c>: the admin API's JSON-lines import (<see cref="UserImport"/>: one user per line, ours or
/// Microsoft Graph's shape, each line on its own), with a line of report per user. The exit code is 0 only when every
/// line created its user, so a script notices a partial import; the lines that did create users stay created.
/// </summary>
internal static class UsersCommands
{
    /// <summary>The file name that means standard input (<c>docker compose run -T idp users import - &lt; users.jsonl</c>).</summary>
    public const string StandardInput = "-";

    public static Command Create(CliHost cli)
    {
        var file = new Argument<string>("FILE") { Description = CliText.Get("UsersFileArgument") };
        var import = new Command("import", CliText.Get("UsersImportDescription")) { file };
        import.SetAction((parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            TextReader reader;
            try
            {
                reader = path == StandardInput ? cli.Console.In : File.OpenText(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Task.FromResult(cli.Fail(CliText.Format("UsersFileUnreadable", path, exception.Message)));
            }

            return cli.RunAsync(initialize: true, async (services, token) =>
            {
                using (path == StandardInput ? null : reader)
                {
                    switch (await services.GetRequiredService<UserImport>().ImportAsync(reader, CliHost.Actor, token))
                    {
                        case AdminResult<ImportReport>.Done { Value: var report }:
                            Print(cli.Console.Out, report);
                            cli.Console.Out.WriteLine(CliText.Format("UsersImported", path == StandardInput ? CliText.Get("UsersStandardInput") : path, report.Created, report.Failed));
                            return report.Failed == 0 ? CliExit.Ok : cli.Fail(CliText.Format("UsersLinesFailed", report.Failed, report.Lines.Count));
                        case AdminResult<ImportReport>.Invalid invalid:
                            return CliFieldErrors.Print(cli, invalid.Errors, new Dictionary<string, string>(StringComparer.Ordinal) { ["file"] = "FILE" });
                        default:
                            return cli.Fail(CliText.Get("UsersNotImported"));
                    }
                }
            }, cancellationToken);
        });

        return new Command("users", CliText.Get("UsersDescription")) { import };
    }

    private static void Print(TextWriter output, ImportReport report)
    {
        foreach (var line in report.Lines)
        {
            if (line.Id is { } id)
            {
                output.WriteLine(CliText.Format("UsersLineCreated", line.Line, id));
                continue;
            }

            var errors = (line.Errors ?? []).Select(e => e.Field.Length == 0 ? e.Message : $"{e.Field}: {e.Message}");
            output.WriteLine(CliText.Format("UsersLineFailed", line.Line, string.Join("; ", errors.DefaultIfEmpty(CliText.Get("UsersNotImported")))));
        }
    }
}
