using BenchmarkDotNet.Attributes;
using IdP.Core.Accounts;
using IdP.Core.Claims;
using IdP.Core.UserFlows;

namespace IdP.Micro;

/// <summary>Which claims a sign-in's tokens carry (TokenClaimsBuilder), for a flow with every application claim on.</summary>
[MemoryDiagnoser]
public class ClaimsBenchmarks
{
    private readonly Account _account = new()
    {
        Id = Guid.NewGuid(),
        Email = "ada@example.com",
        DisplayName = "Ada Lovelace",
        GivenName = "Ada",
        Surname = "Lovelace",
    };

    private readonly SignInName[] _names = [new SignInName { Kind = SignInNameKind.Email, Value = "ada@example.com", NormalizedValue = "ADA@EXAMPLE.COM" }];
    private readonly UserFlow _flow = new() { Name = "B2C_1_signin", NormalizedName = "B2C_1_SIGNIN", ApplicationClaims = [.. ApplicationClaims.All] };

    [Benchmark]
    public IReadOnlyList<TokenClaim> BuildClaims() => TokenClaimsBuilder.Build(_account, _names, _flow, DateTimeOffset.UtcNow);
}
