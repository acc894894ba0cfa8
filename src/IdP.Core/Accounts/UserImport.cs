namespace IdP.Core.Accounts;

/// <summary>
/// Bulk creation from a JSON-lines file: one user per line, in our shape or Microsoft Graph's (see
/// <see cref="NewUserDocument"/>). Each line is created on its own (a bad line never stops the others) and reported
/// with its line number: created with the new id, or failed with its field errors.
/// </summary>
public sealed class UserImport(UserAdministration administration)
{
    /// <summary>Most lines one import takes (each costs a password hash): split larger files.</summary>
    public const int MaxLines = 1000;

    /// <summary>Longest line.</summary>
    public const int MaxLineLength = 16 * 1024;

    /// <summary>Reads every line of <paramref name="reader"/> and creates the users; refused whole when the file is too large.</summary>
    public async Task<AdminResult<ImportReport>> ImportAsync(TextReader reader, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lines = new List<string>();
        var users = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
            users += string.IsNullOrWhiteSpace(line) ? 0 : 1;
            if (users > MaxLines)
            {
                return new AdminResult<ImportReport>.Invalid("file", AdminText.ImportTooManyLines(MaxLines));
            }
        }

        if (users == 0)
        {
            return new AdminResult<ImportReport>.Invalid("file", AdminText.ImportEmpty);
        }

        var report = new List<ImportLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var number = i + 1;
            if (Parse(lines[i]) is not AdminResult<NewUserDocument>.Done { Value: var document })
            {
                report.Add(ImportLine.Failed(number, Parse(lines[i]) is AdminResult<NewUserDocument>.Invalid bad ? bad.Errors : []));
                continue;
            }

            report.Add(await administration.CreateAsync(document, actor, cancellationToken) switch
            {
                AdminResult<UserDetails>.Done done => ImportLine.Created(number, done.Value.Id),
                AdminResult<UserDetails>.Invalid invalid => ImportLine.Failed(number, invalid.Errors),
                _ => ImportLine.Failed(number, [new FieldError("", AdminText.ImportUserFailed)]),
            });
        }

        return new AdminResult<ImportReport>.Done(new ImportReport(report.Count(l => l.Status == ImportLine.CreatedStatus), report.Count(l => l.Status == ImportLine.FailedStatus), report));
    }

    /// <summary>One line as a user document, or why it is not one.</summary>
    public static AdminResult<NewUserDocument> Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length > MaxLineLength)
        {
            return new AdminResult<NewUserDocument>.Invalid("", AdminText.ImportLineTooLong(MaxLineLength));
        }

        try
        {
            return JsonSerializer.Deserialize<NewUserDocument>(line, AdminJson.Options) is { } document
                ? new AdminResult<NewUserDocument>.Done(document)
                : new AdminResult<NewUserDocument>.Invalid("", AdminText.ImportLineNull);
        }
        catch (JsonException exception)
        {
            return new AdminResult<NewUserDocument>.Invalid(AdminJson.FieldOf(exception), AdminJson.Describe(exception));
        }
    }
}

/// <summary>What an import did: how many users were created and failed, and each line's outcome.</summary>
public sealed record ImportReport(int Created, int Failed, IReadOnlyList<ImportLine> Lines);

/// <summary>One line's outcome: <c>created</c> with the user's id, or <c>failed</c> with its errors.</summary>
public sealed record ImportLine(int Line, string Status, Guid? Id, IReadOnlyList<FieldError>? Errors)
{
    /// <summary>The status of a line that created a user.</summary>
    public const string CreatedStatus = "created";
    /// <summary>The status of a line that was refused.</summary>
    public const string FailedStatus = "failed";

    /// <summary>A line that created the user with the id.</summary>
    public static ImportLine Created(int line, Guid id) => new(line, CreatedStatus, id, null);

    /// <summary>A line that was refused, with why.</summary>
    public static ImportLine Failed(int line, IReadOnlyList<FieldError> errors) => new(line, FailedStatus, null, errors);
}
