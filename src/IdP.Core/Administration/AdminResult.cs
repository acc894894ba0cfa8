namespace IdP.Core.Administration;

/// <summary>A problem with one field of an administrator's request, worded for the operator (the API, portal and CLI show it).</summary>
/// <param name="Field">The field, as the API names it in JSON (<c>displayName</c>, <c>passwordProfile.password</c>); empty for the request as a whole.</param>
/// <param name="Message">What is wrong and how to fix it; never contains a secret or password.</param>
public sealed record FieldError(string Field, string Message);

/// <summary>Outcome of an administrative read or change: done (with its result), refused with field errors, or nothing to act on.</summary>
/// <typeparam name="T">What a successful call gives back.</typeparam>
public abstract record AdminResult<T>
{
    private AdminResult()
    {
    }

    /// <summary>The change is stored (and audited), or the read found what was asked for.</summary>
    public sealed record Done(T Value) : AdminResult<T>;

    /// <summary>Nothing was changed; each error names its field.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : AdminResult<T>
    {
        /// <summary>A refusal with one error.</summary>
        public Invalid(string field, string message)
            : this([new FieldError(field, message)])
        {
        }
    }

    /// <summary>What the call names does not exist.</summary>
    public sealed record NotFound : AdminResult<T>;
}

/// <summary>Nothing to give back: the result of a delete or of a change with no new state to show.</summary>
public sealed record Unit
{
    /// <summary>The one value.</summary>
    public static Unit Value { get; } = new();
}
