namespace IdP.Core.SignIn;

/// <summary>Outcome of checking a sign-in name and password.</summary>
public abstract record SignInResult
{
    private SignInResult()
    {
    }

    /// <summary>Credentials are right and the account may sign in.</summary>
    /// <param name="Account">The account that signed in.</param>
    public sealed record Succeeded(Account Account) : SignInResult;

    /// <summary>Unknown name or wrong password: deliberately one case, so the page cannot tell them apart.</summary>
    public sealed record InvalidCredentials : SignInResult;

    /// <summary>Too many wrong passwords for this name; retry after <see cref="Until"/>.</summary>
    public sealed record LockedOut(DateTimeOffset Until) : SignInResult;

    /// <summary>The password was right but an administrator disabled the account.</summary>
    public sealed record Disabled : SignInResult;
}
