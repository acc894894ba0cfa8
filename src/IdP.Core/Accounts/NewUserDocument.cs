using System.Text.Json.Serialization;

namespace IdP.Core.Accounts;

/// <summary>
/// A user to create, as an administrator sends it: in our shape (<c>signInEmail</c>, <c>username</c>, <c>password</c>…)
/// or in Microsoft Graph's user-create shape (<c>identities</c>, <c>passwordProfile</c>, <c>mail</c>…), so a B2C
/// migration can replay its Graph calls. One document uses one shape; <see cref="ToNewUser"/> reads either.
/// </summary>
public sealed record NewUserDocument
{
    /// <summary>Ours: the email address the user signs in with.</summary>
    public string? SignInEmail { get; init; }

    /// <summary>Ours: the username the user signs in with.</summary>
    public string? Username { get; init; }

    /// <summary>Ours: the recovery address (defaults to the sign-in email).</summary>
    public string? ContactEmail { get; init; }

    /// <summary>Ours: the initial password.</summary>
    public string? Password { get; init; }

    /// <summary>Ours: true makes the password temporary (Graph's <c>passwordProfile.forceChangePasswordNextSignIn</c>).</summary>
    public bool? ForceChangePasswordNextSignIn { get; init; }

    /// <summary>Display name shown to the user and to apps (the <c>name</c> claim).</summary>
    public string? DisplayName { get; init; }
    /// <summary>Given name (the <c>given_name</c> claim).</summary>
    public string? GivenName { get; init; }
    /// <summary>Surname (the <c>family_name</c> claim).</summary>
    public string? Surname { get; init; }

    /// <summary>Both shapes: false creates the account disabled.</summary>
    public bool? AccountEnabled { get; init; }

    /// <summary>Graph: the local identities (<c>emailAddress</c>, <c>userName</c>) the user signs in with.</summary>
    public IReadOnlyList<GraphIdentity?>? Identities { get; init; }

    /// <summary>Graph: the initial password.</summary>
    public GraphPasswordProfile? PasswordProfile { get; init; }

    /// <summary>Graph: the contact (recovery) address.</summary>
    public string? Mail { get; init; }

    /// <summary>Graph: accepted and ignored (<c>DisablePasswordExpiration</c>; passwords never expire here).</summary>
    public string? PasswordPolicies { get; init; }

    /// <summary>
    /// Fields neither shape has. In ours, a misspelt field, refused with its name; in Graph's, accepted and ignored: a
    /// replayed Graph call carries fields we do not model (<c>mailNickname</c>, <c>userPrincipalName</c>, extension attributes…).
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }

    /// <summary>True when the document uses Graph's shape.</summary>
    public bool IsGraphShape => Identities is not null || PasswordProfile is not null || Mail is not null;

    /// <summary>The field that holds the password in this document's shape.</summary>
    public string PasswordField => IsGraphShape ? "passwordProfile.password" : "password";

    /// <summary>The user this document asks for, or the problems with it, each naming its field in the document's shape.</summary>
    public AdminResult<NewUser> ToNewUser() => IsGraphShape ? FromGraph() : FromOurs();

    /// <summary>The document's field for a field of <see cref="NewAccount"/> (<c>signInEmail</c> → <c>identities[0].issuerAssignedId</c> in Graph's shape).</summary>
    public string FieldFor(string accountField)
    {
        if (!IsGraphShape)
        {
            return accountField;
        }

        var signInType = accountField switch
        {
            "signInEmail" => GraphIdentity.EmailAddress,
            "username" => GraphIdentity.UserName,
            _ => null,
        };
        if (signInType is null)
        {
            return accountField == "contactEmail" ? "mail" : accountField;
        }

        var index = Identities?.ToList().FindIndex(i => string.Equals(i?.SignInType, signInType, StringComparison.OrdinalIgnoreCase)) ?? -1;
        return index < 0 ? "identities" : $"identities[{index}].issuerAssignedId";
    }

    private AdminResult<NewUser> FromOurs()
    {
        if (OtherFields is { Count: > 0 })
        {
            return new AdminResult<NewUser>.Invalid([.. OtherFields.Keys.Select(field => new FieldError(field, AdminText.JsonFieldUnknown(field)))]);
        }

        if (string.IsNullOrEmpty(Password))
        {
            return new AdminResult<NewUser>.Invalid("password", AdminText.PasswordRequired);
        }

        return new AdminResult<NewUser>.Done(new NewUser(new NewAccount(Password)
        {
            SignInEmail = FormValue.Trimmed(SignInEmail),
            Username = FormValue.Trimmed(Username),
            ContactEmail = FormValue.Trimmed(ContactEmail),
            DisplayName = FormValue.Trimmed(DisplayName),
            GivenName = FormValue.Trimmed(GivenName),
            Surname = FormValue.Trimmed(Surname),
        }, AccountEnabled ?? true, ForceChangePasswordNextSignIn ?? false));
    }

    private AdminResult<NewUser> FromGraph()
    {
        var errors = new List<FieldError>();
        foreach (var (field, value) in new[] { ("signInEmail", SignInEmail), ("username", Username), ("contactEmail", ContactEmail), ("password", Password) })
        {
            if (value is not null)
            {
                errors.Add(new(field, AdminText.GraphShapeMixed));
            }
        }

        if (ForceChangePasswordNextSignIn is not null)
        {
            errors.Add(new("forceChangePasswordNextSignIn", AdminText.GraphShapeMixed));
        }

        string? email = null, username = null;
        var identities = Identities ?? [];
        if (identities.Count == 0)
        {
            errors.Add(new("identities", AdminText.IdentitiesRequired));
        }

        for (var i = 0; i < identities.Count; i++)
        {
            var identity = identities[i];
            var field = $"identities[{i}]";
            switch (identity?.SignInType)
            {
                case null when identity is null:
                    errors.Add(new(field, AdminText.IdentityNull));
                    break;
                case var type when string.Equals(type, GraphIdentity.EmailAddress, StringComparison.OrdinalIgnoreCase):
                    Take(ref email, identity!, field, errors);
                    break;
                case var type when string.Equals(type, GraphIdentity.UserName, StringComparison.OrdinalIgnoreCase):
                    Take(ref username, identity!, field, errors);
                    break;
                case var type when string.Equals(type, GraphIdentity.UserPrincipalName, StringComparison.OrdinalIgnoreCase):
                    // Graph makes one for every user; the object id serves here, so it is ignored.
                    break;
                case var type when string.Equals(type, GraphIdentity.Federated, StringComparison.OrdinalIgnoreCase):
                    errors.Add(new($"{field}.signInType", AdminText.IdentityFederated));
                    break;
                default:
                    errors.Add(new($"{field}.signInType", AdminText.IdentityUnsupportedType(identity!.SignInType)));
                    break;
            }
        }

        if (PasswordProfile?.Password is not { Length: > 0 } password)
        {
            errors.Add(new("passwordProfile.password", AdminText.GraphPasswordRequired));
            password = "";
        }

        if (errors.Count > 0)
        {
            return new AdminResult<NewUser>.Invalid(errors);
        }

        return new AdminResult<NewUser>.Done(new NewUser(new NewAccount(password)
        {
            SignInEmail = email,
            Username = username,
            ContactEmail = FormValue.Trimmed(Mail),
            DisplayName = FormValue.Trimmed(DisplayName),
            GivenName = FormValue.Trimmed(GivenName),
            Surname = FormValue.Trimmed(Surname),
        }, AccountEnabled ?? true, PasswordProfile?.ForceChangePasswordNextSignIn ?? false));
    }

    private static void Take(ref string? slot, GraphIdentity identity, string field, List<FieldError> errors)
    {
        if (slot is not null)
        {
            errors.Add(new(field, AdminText.IdentityRepeated(identity.SignInType)));
            return;
        }

        if (string.IsNullOrWhiteSpace(identity.IssuerAssignedId))
        {
            errors.Add(new($"{field}.issuerAssignedId", AdminText.IdentityNoIssuerAssignedId));
            return;
        }

        slot = identity.IssuerAssignedId;
    }
}

/// <summary>
/// A Microsoft Graph <c>objectIdentity</c>; the issuer is accepted as sent (a migrated tenant's own domain). Graph's
/// other members are ignored, as in the document around it.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record GraphIdentity
{
    /// <summary>Graph's sign-in type for an email address sign-in name.</summary>
    public const string EmailAddress = "emailAddress";
    /// <summary>Graph's sign-in type for a username sign-in name.</summary>
    public const string UserName = "userName";
    /// <summary>Graph's sign-in type for a user principal name (not a sign-in name here; ignored).</summary>
    public const string UserPrincipalName = "userPrincipalName";
    /// <summary>Graph's sign-in type for a social identity (refused: local accounts only).</summary>
    public const string Federated = "federated";

    /// <summary>The kind of identity: one of the constants above.</summary>
    public string? SignInType { get; init; }
    /// <summary>The tenant domain that issued the identity; accepted as sent.</summary>
    public string? Issuer { get; init; }
    /// <summary>The sign-in name itself (an email address or a username).</summary>
    public string? IssuerAssignedId { get; init; }
}

/// <summary>A Microsoft Graph <c>passwordProfile</c>; Graph's other members (<c>forceChangePasswordNextSignInWithMfa</c>) are ignored.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record GraphPasswordProfile
{
    /// <summary>The initial password.</summary>
    public string? Password { get; init; }

    /// <summary>True makes the password temporary: the user chooses a new one at the next sign-in on a flow with "Forced password reset" on.</summary>
    public bool? ForceChangePasswordNextSignIn { get; init; }
}

/// <summary>A user to create, read from either shape.</summary>
/// <param name="Account">The account and its initial password.</param>
/// <param name="Enabled">False creates the account disabled.</param>
/// <param name="ForceChangePasswordNextSignIn">True makes the initial password temporary (<see cref="Account.ForceChangePasswordNextSignIn"/>).</param>
public sealed record NewUser(NewAccount Account, bool Enabled, bool ForceChangePasswordNextSignIn);
