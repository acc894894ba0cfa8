using System.Text.Json;
using IdP.Core.Administration;

namespace IdP.Core.Tests.Administration;

public sealed class NewUserDocumentTests
{
    [Fact]
    public void Our_shape_maps_to_a_new_account_and_defaults_to_enabled()
    {
        var user = Done(new NewUserDocument { SignInEmail = "a@example.com", Username = " ", Password = "Pw-123456", DisplayName = "A" });

        Assert.Equal("a@example.com", user.Account.SignInEmail);
        Assert.Null(user.Account.Username);
        Assert.True(user.Enabled);
    }

    [Fact]
    public void A_misspelt_field_in_our_shape_is_refused_with_its_name_while_graphs_shape_ignores_fields_it_does_not_model()
    {
        var ours = Read("{\"signInEmail\": \"a@example.com\", \"password\": \"Pw-123456\", \"dispalyName\": \"A\"}");
        var graph = Read("""
            {"displayName": "A", "mailNickname": "a", "extension_0a1b_loyaltyId": 7,
             "identities": [{"signInType": "emailAddress", "issuer": "old.onmicrosoft.com", "issuerAssignedId": "a@example.com", "odata": 1}],
             "passwordProfile": {"password": "Pw-123456", "forceChangePasswordNextSignInWithMfa": false}}
            """);

        var refused = Assert.IsType<AdminResult<NewUser>.Invalid>(ours.ToNewUser());
        Assert.Equal("dispalyName", Assert.Single(refused.Errors).Field);
        Assert.Contains("dispalyName", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("a@example.com", Done(graph).Account.SignInEmail);
    }

    [Fact]
    public void Graphs_shape_maps_identities_mail_and_password_and_ignores_the_user_principal_name()
    {
        var document = new NewUserDocument
        {
            Identities =
            [
                new GraphIdentity { SignInType = "userPrincipalName", IssuerAssignedId = "x@contoso.onmicrosoft.com" },
                new GraphIdentity { SignInType = "EmailAddress", Issuer = "old.onmicrosoft.com", IssuerAssignedId = "a@example.com" },
                new GraphIdentity { SignInType = "userName", IssuerAssignedId = "alice" },
            ],
            PasswordProfile = new GraphPasswordProfile { Password = "Pw-123456", ForceChangePasswordNextSignIn = false },
            Mail = "contact@example.com",
            AccountEnabled = false,
        };

        var user = Done(document);

        Assert.True(document.IsGraphShape);
        Assert.Equal(("a@example.com", "alice", "contact@example.com"), (user.Account.SignInEmail, user.Account.Username, user.Account.ContactEmail));
        Assert.Equal("Pw-123456", user.Account.Password);
        Assert.False(user.Enabled);
        Assert.Equal("identities[1].issuerAssignedId", document.FieldFor("signInEmail"));
        Assert.Equal("identities[2].issuerAssignedId", document.FieldFor("username"));
        Assert.Equal("mail", document.FieldFor("contactEmail"));
        Assert.Equal("passwordProfile.password", document.PasswordField);
    }

    [Fact]
    public void Social_identities_and_mixed_shapes_are_refused_by_field()
    {
        var errors = Invalid(new NewUserDocument
        {
            SignInEmail = "mixed@example.com",
            ForceChangePasswordNextSignIn = true,
            Identities = [new GraphIdentity { SignInType = "federated", Issuer = "facebook.com", IssuerAssignedId = "1" }, null, new GraphIdentity { SignInType = "phoneNumber", IssuerAssignedId = "+1" }],
            PasswordProfile = new GraphPasswordProfile { ForceChangePasswordNextSignIn = true },
        });

        Assert.Equal(
            ["signInEmail", "forceChangePasswordNextSignIn", "identities[0].signInType", "identities[1]", "identities[2].signInType", "passwordProfile.password"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void A_temporary_password_is_read_from_either_shape_and_is_off_unless_asked_for()
    {
        var graph = new NewUserDocument { Identities = [new GraphIdentity { SignInType = "emailAddress", IssuerAssignedId = "g@example.com" }] };

        Assert.True(Done(graph with { PasswordProfile = new GraphPasswordProfile { Password = "Pw-123456", ForceChangePasswordNextSignIn = true } }).ForceChangePasswordNextSignIn);
        Assert.False(Done(graph with { PasswordProfile = new GraphPasswordProfile { Password = "Pw-123456" } }).ForceChangePasswordNextSignIn);
        Assert.True(Done(new NewUserDocument { SignInEmail = "o@example.com", Password = "Pw-123456", ForceChangePasswordNextSignIn = true }).ForceChangePasswordNextSignIn);
        Assert.False(Done(new NewUserDocument { SignInEmail = "o@example.com", Password = "Pw-123456" }).ForceChangePasswordNextSignIn);
    }

    [Fact]
    public void Two_email_identities_or_one_without_a_value_are_refused()
    {
        var errors = Invalid(new NewUserDocument
        {
            Identities = [new GraphIdentity { SignInType = "emailAddress", IssuerAssignedId = "a@example.com" }, new GraphIdentity { SignInType = "emailAddress", IssuerAssignedId = "b@example.com" }, new GraphIdentity { SignInType = "userName" }],
            PasswordProfile = new GraphPasswordProfile { Password = "Pw-123456" },
        });

        Assert.Equal(["identities[1]", "identities[2].issuerAssignedId"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Our_shape_needs_a_password()
    {
        Assert.Equal("password", Assert.Single(Invalid(new NewUserDocument { SignInEmail = "a@example.com" })).Field);
    }

    [Fact]
    public void Our_shape_keeps_its_field_names_and_may_create_a_disabled_user()
    {
        var document = new NewUserDocument { SignInEmail = "a@example.com", Password = "Pw-123456", AccountEnabled = false };

        Assert.False(document.IsGraphShape);
        Assert.Equal("password", document.PasswordField);
        Assert.Equal("signInEmail", document.FieldFor("signInEmail"));
        Assert.Equal("contactEmail", document.FieldFor("contactEmail"));
        Assert.False(Done(document).Enabled);
    }

    [Fact]
    public void Any_graph_field_makes_a_graph_document()
    {
        Assert.True(new NewUserDocument { Mail = "contact@example.com" }.IsGraphShape);
        Assert.True(new NewUserDocument { PasswordProfile = new GraphPasswordProfile { Password = "Pw-123456" } }.IsGraphShape);
    }

    [Fact]
    public void Graph_fields_are_named_by_where_the_document_holds_them()
    {
        var document = new NewUserDocument
        {
            Identities = [new GraphIdentity { SignInType = "emailAddress", IssuerAssignedId = "a@example.com" }],
            PasswordProfile = new GraphPasswordProfile { Password = "Pw-123456" },
        };

        Assert.Equal("identities[0].issuerAssignedId", document.FieldFor("signInEmail"));
        Assert.Equal("identities", document.FieldFor("username"));
        Assert.Equal("displayName", document.FieldFor("displayName"));
        Assert.True(Done(document).Enabled);
    }

    [Fact]
    public void A_graph_document_without_identities_is_refused_not_failed() =>
        Assert.Equal("identities", Assert.Single(Invalid(new NewUserDocument { PasswordProfile = new GraphPasswordProfile { Password = "Pw-123456" } })).Field);

    [Fact]
    public void Each_field_of_our_shape_in_a_graph_document_is_named()
    {
        var errors = Invalid(new NewUserDocument
        {
            SignInEmail = "a@example.com",
            Username = "alice",
            ContactEmail = "c@example.com",
            Password = "Pw-123456",
            Identities = [new GraphIdentity { SignInType = "emailAddress", IssuerAssignedId = "a@example.com" }],
            PasswordProfile = new GraphPasswordProfile { Password = "Pw-123456" },
        });

        Assert.Equal(["signInEmail", "username", "contactEmail", "password"], errors.Select(e => e.Field));
    }

    [Fact]
    public void An_identity_is_refused_once_for_one_problem()
    {
        var repeatedWithoutValue = Invalid(new NewUserDocument
        {
            Identities = [new GraphIdentity { SignInType = "emailAddress", IssuerAssignedId = "a@example.com" }, new GraphIdentity { SignInType = "emailAddress" }],
            PasswordProfile = new GraphPasswordProfile { Password = "Pw-123456" },
        });
        var blankThenValue = Invalid(new NewUserDocument
        {
            Identities = [new GraphIdentity { SignInType = "emailAddress", IssuerAssignedId = "  " }, new GraphIdentity { SignInType = "emailAddress", IssuerAssignedId = "a@example.com" }],
            PasswordProfile = new GraphPasswordProfile { Password = "Pw-123456" },
        });

        Assert.Equal(["identities[1]"], repeatedWithoutValue.Select(e => e.Field));
        Assert.Equal(["identities[0].issuerAssignedId"], blankThenValue.Select(e => e.Field));
    }

    private static NewUserDocument Read(string json) => JsonSerializer.Deserialize<NewUserDocument>(json, AdminJson.Options)!;

    private static NewUser Done(NewUserDocument document) => Assert.IsType<AdminResult<NewUser>.Done>(document.ToNewUser()).Value;

    private static IReadOnlyList<FieldError> Invalid(NewUserDocument document) => Assert.IsType<AdminResult<NewUser>.Invalid>(document.ToNewUser()).Errors;
}
