namespace IdP.Core.Limits;

/// <summary>Refuses limits that would not work: a zero count, a network smaller than its addresses, a window outside 1 s–1 day.</summary>
public sealed class AbuseLimitOptionsValidator : IValidateOptions<AbuseLimitOptions>
{
    private static readonly TimeSpan ShortestWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWindow = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AbuseLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var limit in Enum.GetValues<AbuseLimit>())
        {
            var rule = options.RuleFor(limit);
            var prefix = $"{AbuseLimitOptions.Section}:{limit}";
            if (rule is null)
            {
                failures.Add($"{prefix} is missing.");
                continue;
            }

            if (rule.PerAddress < 1)
            {
                failures.Add($"{prefix}:PerAddress must be at least 1 (got {rule.PerAddress}).");
            }

            if (rule.PerNetwork < rule.PerAddress)
            {
                failures.Add($"{prefix}:PerNetwork must be at least PerAddress (got {rule.PerNetwork} < {rule.PerAddress}).");
            }

            if (rule.Window < ShortestWindow || rule.Window > LongestWindow)
            {
                failures.Add($"{prefix}:Window must be between 00:00:01 and 1.00:00:00 (got {rule.Window}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
