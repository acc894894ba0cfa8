namespace IdP.Server.Cli;

/// <summary>
/// Prints the field errors an IdP.Core administration service returns, each under the command-line option that
/// carries the field (<c>signInEmail</c> is <c>--email</c>), so the operator knows what to change.
/// </summary>
internal static class CliFieldErrors
{
    /// <summary>One <c>error: --option: message</c> line per error; answers <see cref="CliExit.Failed"/>.</summary>
    public static int Print(CliHost cli, IEnumerable<FieldError> errors, IReadOnlyDictionary<string, string> options)
    {
        foreach (var error in errors)
        {
            var option = Option(error.Field, options);
            cli.Fail(option.Length == 0 ? error.Message : $"{option}: {error.Message}");
        }

        return CliExit.Failed;
    }

    /// <summary>The option for a field (<c>apiScopes[0].name</c> is under <c>apiScopes</c>), or the field itself.</summary>
    public static string Option(string field, IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(options);
        var end = field.IndexOfAny(['[', '.']);
        var head = end < 0 ? field : field[..end];
        return options.TryGetValue(field, out var exact) ? exact : options.TryGetValue(head, out var option) ? option : field;
    }
}
