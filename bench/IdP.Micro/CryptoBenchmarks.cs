using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using IdP.Core.Accounts;
using IdP.Core.Applications;
using IdP.Core.PasswordReset;
using IdP.Core.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdP.Micro;

/// <summary>A password check at the configured cost: what every sign-in pays once, known account or not.</summary>
[MemoryDiagnoser]
public class PasswordHashBenchmarks
{
    private readonly Account _account = new();
    private PasswordHasher<Account> _hasher = null!;
    private string _hash = "";

    /// <summary>PBKDF2 iterations: the configured value (IdP__Passwords__HashIterations) or the shipped default, OWASP's floor.</summary>
    public static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("IdP__Passwords__HashIterations"), out var value) ? value : new PasswordHashingOptions().HashIterations;

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = Iterations }));
        _hash = _hasher.HashPassword(_account, "Bench-Pass-42!");
    }

    [Benchmark]
    public PasswordVerificationResult VerifyPassword() => _hasher.VerifyHashedPassword(_account, _hash, "Bench-Pass-42!");
}

/// <summary>The hashes of short secrets: reset codes (PBKDF2, 10,000 rounds) and generated client secrets (SHA-256).</summary>
[MemoryDiagnoser]
public class CodeHashBenchmarks
{
    private readonly string _storedCode = VerificationCode.Hash("123456");
    private readonly string _secret = ClientSecretHasher.Generate();
    private string _storedSecret = "";

    [GlobalSetup]
    public void Setup() => _storedSecret = ClientSecretHasher.HashGenerated(_secret);

    [Benchmark]
    public string HashResetCode() => VerificationCode.Hash("123456");

    [Benchmark]
    public bool VerifyResetCode() => VerificationCode.Matches("123456", _storedCode);

    [Benchmark]
    public bool VerifyClientSecret() => ClientSecretHasher.Verify(_secret, _storedSecret);
}

/// <summary>
/// Creating and signing a B2C-shaped access token with RS256 and a 2048-bit key, as OpenIddict does for each grant
/// (it uses the same JsonWebTokenHandler), and validating one as an API would.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private SigningCredentials _credentials = null!;
    private SecurityTokenDescriptor _descriptor = null!;
    private TokenValidationParameters _validation = null!;
    private string _token = "";

    [GlobalSetup]
    public void Setup()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench" };
        _credentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        var now = DateTime.UtcNow;
        _descriptor = new SecurityTokenDescriptor
        {
            Issuer = "https://idp.example.com/00000000-0000-0000-0000-000000000001/v2.0/",
            Audience = "https://contoso.onmicrosoft.com/bench-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            TokenType = "JWT",
            SigningCredentials = _credentials,
            Subject = new ClaimsIdentity([
                new Claim("sub", Guid.NewGuid().ToString("D")), new Claim("oid", Guid.NewGuid().ToString("D")),
                new Claim("tid", Guid.NewGuid().ToString("D")), new Claim("tfp", "B2C_1_signin"), new Claim("ver", "1.0"),
                new Claim("scp", "api.read"), new Claim("azp", "bench-web"), new Claim("name", "Bench User"),
            ]),
        };
        _token = _handler.CreateToken(_descriptor);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = _descriptor.Issuer,
            ValidAudience = _descriptor.Audience,
            IssuerSigningKey = key,
        };
    }

    [Benchmark]
    public string CreateAndSignAccessToken() => _handler.CreateToken(_descriptor);

    [Benchmark]
    public async Task<bool> ValidateAccessToken() => (await _handler.ValidateTokenAsync(_token, _validation)).IsValid;
}
