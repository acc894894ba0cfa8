using System.CommandLine.Parsing;

namespace IdP.Server.Cli;

/// <summary>
/// Options and arguments whose values are checked while the command line is parsed, so a wrong value is a usage error
/// naming what is allowed before anything touches the database.
/// </summary>
internal static class CliValues
{
    /// <summary>An option taking one of <typeparamref name="T"/>'s names, in any case (never a number, as the admin API).</summary>
    public static Option<T?> Enum<T>(string name, string description)
        where T : struct, Enum => new(name)
        {
            Description = description,
            HelpName = string.Join('|', System.Enum.GetNames<T>()),
            CustomParser = ParseEnum<T>,
        };

    /// <summary>An argument taking one of <typeparamref name="T"/>'s names, in any case.</summary>
    public static Argument<T?> EnumArgument<T>(string name, string description)
        where T : struct, Enum => new(name)
        {
            Description = description,
            HelpName = string.Join('|', System.Enum.GetNames<T>()),
            CustomParser = ParseEnum<T>,
        };

    /// <summary>An option taking a point in time in ISO 8601 (<c>2027-01-31</c>, <c>2027-01-31T12:00:00Z</c>); UTC unless an offset is given.</summary>
    public static Option<DateTimeOffset?> Time(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "yyyy-mm-dd",
        CustomParser = result =>
        {
            var token = result.Tokens[^1].Value;
            if (DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return time;
            }

            result.AddError(CliText.Format("TimeValue", Name(result), token));
            return null;
        },
    };

    /// <summary>An option that may be given several times (<c>--redirect-uri a --redirect-uri b</c>).</summary>
    public static Option<string[]> Many(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    // The option's name (--type) or the argument's (MODE), as the operator typed it.
    private static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;

    private static T? ParseEnum<T>(ArgumentResult result)
        where T : struct, Enum
    {
        var token = result.Tokens[^1].Value;
        var names = System.Enum.GetNames<T>();
        if (names.FirstOrDefault(n => string.Equals(n, token, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return System.Enum.Parse<T>(name);
        }

        result.AddError(CliText.Format("EnumValue", Name(result), token, string.Join(", ", names)));
        return null;
    }
}
