using System.Text.Json;
using IdP.Core.Claims;

namespace IdP.Core.Tests.Claims;

public sealed class TokenClaimsBuilderTests
{
    private static readonly DateTimeOffset AuthTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void By_default_sub_is_the_object_id_and_the_policy_is_in_tfp()
    {
        var account = Account();

        var claims = Build(account, Flow());

        Assert.Equal(account.Id.ToString("D"), Value(claims, "sub"));
        Assert.Equal("B2C_1_signin", Value(claims, "tfp"));
        Assert.Null(Value(claims, "acr"));
        Assert.Equal("1.0", Value(claims, "ver"));
    }

    [Fact]
    public void A_not_supported_subject_carries_b2cs_legacy_text_while_oid_keeps_the_object_id()
    {
        var account = Account();

        var claims = Build(account, Flow(f => f.SubjectClaim = SubjectClaim.NotSupported));

        Assert.Equal("Not supported currently. Use oid claim.", Value(claims, "sub"));
        Assert.Equal(account.Id.ToString("D"), Value(claims, "oid"));
    }

    [Fact]
    public void The_acr_setting_puts_the_policy_in_acr_instead_of_tfp()
    {
        var claims = Build(Account(), Flow(f => f.PolicyClaim = PolicyClaim.Acr));

        Assert.Equal("B2C_1_signin", Value(claims, "acr"));
        Assert.Null(Value(claims, "tfp"));
    }

    [Fact]
    public void Auth_time_is_a_json_number_of_unix_seconds()
    {
        var claim = Assert.Single(Build(Account(), Flow()), c => c.Type == "auth_time");

        Assert.Equal(TokenClaimShape.Number, claim.Shape);
        Assert.Equal(AuthTime.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), claim.Value);
    }

    [Fact]
    public void Emails_is_an_array_of_the_sign_in_emails_and_the_contact_email_without_duplicates()
    {
        var account = Account(contactEmail: "ADA@example.com");
        var names = new[]
        {
            Name(SignInNameKind.Email, "ada@example.com"),
            Name(SignInNameKind.Email, "lovelace@example.org"),
            Name(SignInNameKind.Username, "ada"),
        };

        var claim = Assert.Single(TokenClaimsBuilder.Build(account, names, Flow(), AuthTime), c => c.Type == "emails");

        Assert.Equal(TokenClaimShape.JsonArray, claim.Shape);
        Assert.Equal(["ada@example.com", "lovelace@example.org"], JsonSerializer.Deserialize<string[]>(claim.Value) ?? []);
    }

    [Fact]
    public void A_username_account_with_a_contact_email_still_gets_emails()
    {
        var claims = TokenClaimsBuilder.Build(Account(contactEmail: "ada@example.com"), [Name(SignInNameKind.Username, "ada")], Flow(), AuthTime);

        Assert.Equal("[\"ada@example.com\"]", Value(claims, "emails"));
    }

    [Fact]
    public void Missing_optional_values_are_left_out_rather_than_sent_empty()
    {
        var account = Account(contactEmail: null);
        account.DisplayName = null;
        account.GivenName = " ";
        account.Surname = null;

        var claims = TokenClaimsBuilder.Build(account, [Name(SignInNameKind.Username, "ada")], Flow(), AuthTime);

        Assert.Null(Value(claims, "name"));
        Assert.Null(Value(claims, "given_name"));
        Assert.Null(Value(claims, "family_name"));
        Assert.Null(Value(claims, "emails"));
        Assert.NotNull(Value(claims, "oid"));
    }

    [Fact]
    public void Only_the_flows_application_claims_are_added()
    {
        var claims = Build(Account(), Flow(f => f.ApplicationClaims = [ApplicationClaims.GivenName, ApplicationClaims.IdentityProvider, ApplicationClaims.NewUser]));

        Assert.Equal("Ada", Value(claims, "given_name"));
        Assert.Null(Value(claims, "oid"));
        Assert.Null(Value(claims, "name"));
        Assert.Null(Value(claims, "emails"));
        Assert.Null(Value(claims, "idp"));
        Assert.Null(Value(claims, "newUser"));
        Assert.Equal(["sub", "ver", "tfp", "auth_time", "given_name"], claims.Select(c => c.Type));
    }

    [Fact]
    public void Default_application_claims_carry_the_profile()
    {
        var claims = Build(Account(), Flow());

        Assert.Equal("Ada Lovelace", Value(claims, "name"));
        Assert.Equal("Ada", Value(claims, "given_name"));
        Assert.Equal("Lovelace", Value(claims, "family_name"));
    }

    private static IReadOnlyList<TokenClaim> Build(Account account, UserFlow flow) =>
        TokenClaimsBuilder.Build(account, [Name(SignInNameKind.Email, "ada@example.com")], flow, AuthTime);

    private static string? Value(IReadOnlyList<TokenClaim> claims, string type) => claims.SingleOrDefault(c => c.Type == type)?.Value;

    private static Account Account(string? contactEmail = "ada@example.com") => new()
    {
        Id = Guid.NewGuid(),
        Email = contactEmail,
        DisplayName = "Ada Lovelace",
        GivenName = "Ada",
        Surname = "Lovelace",
    };

    private static SignInName Name(SignInNameKind kind, string value) =>
        new() { Id = Guid.NewGuid(), Kind = kind, Value = value, NormalizedValue = SignInNameNormalizer.Normalize(value) };

    private static UserFlow Flow(Action<UserFlow>? configure = null)
    {
        var flow = new UserFlow { Name = "B2C_1_signin", NormalizedName = "B2C_1_SIGNIN" };
        configure?.Invoke(flow);
        return flow;
    }
}
