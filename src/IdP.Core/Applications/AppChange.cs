namespace IdP.Core.Applications;

/// <summary>Outcome of registering, changing or deleting an application.</summary>
public abstract record AppChange
{
    private AppChange()
    {
    }

    /// <summary>The change is stored.</summary>
    /// <param name="Application">The application after the change (as it was, for a delete).</param>
    public sealed record Saved(Application Application) : AppChange;

    /// <summary>Nothing was stored; each error names the field it is about.</summary>
    public sealed record Invalid(IReadOnlyList<AppRegistrationError> Errors) : AppChange;

    /// <summary>No application has the client id.</summary>
    public sealed record NotFound : AppChange;
}

/// <summary>A problem with one field of a registration, worded for the operator.</summary>
/// <param name="Field">The field, by its name in the admin API and configuration (such as <c>redirectUris</c>).</param>
/// <param name="Message">What is wrong.</param>
public sealed record AppRegistrationError(string Field, string Message);

/// <summary>A secret made by the server: its value is here once and never stored.</summary>
public abstract record SecretCreation
{
    private SecretCreation()
    {
    }

    /// <summary>The secret was made; only its hash is stored.</summary>
    /// <param name="Secret">The stored secret (hash and hint).</param>
    /// <param name="Value">The secret itself, to show the operator once.</param>
    public sealed record Created(ClientSecret Secret, string Value) : SecretCreation;

    /// <summary>No secret was made.</summary>
    /// <param name="Errors">Why: a bad description or expiry, or the application already has the most secrets allowed.</param>
    public sealed record Invalid(IReadOnlyList<AppRegistrationError> Errors) : SecretCreation;

    /// <summary>No application has the client id.</summary>
    public sealed record NotFound : SecretCreation;
}
