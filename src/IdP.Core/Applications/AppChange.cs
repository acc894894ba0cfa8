namespace IdP.Core.Applications;

/// <summary>Outcome of registering, changing or deleting an application.</summary>
public abstract record AppChange
{
    private AppChange()
    {
    }

    public sealed record Saved(Application Application) : AppChange;

    /// <summary>Nothing was stored; each error names the field it is about.</summary>
    public sealed record Invalid(IReadOnlyList<AppRegistrationError> Errors) : AppChange;

    public sealed record NotFound : AppChange;
}

/// <summary>A problem with one field of a registration, worded for the operator.</summary>
public sealed record AppRegistrationError(string Field, string Message);

/// <summary>A secret made by the server: its value is here once and never stored.</summary>
public abstract record SecretCreation
{
    private SecretCreation()
    {
    }

    public sealed record Created(ClientSecret Secret, string Value) : SecretCreation;

    public sealed record Invalid(IReadOnlyList<AppRegistrationError> Errors) : SecretCreation;

    public sealed record NotFound : SecretCreation;
}
