namespace IdP.Server.Tests.Hosting;

/// <summary>
/// Feeds every form field (antiforgery token included), every OpenID Connect parameter and the headers a client
/// controls with values no client should send, on both providers. Nothing may answer 5xx. Malformed input (control
/// characters, a charset other than UTF-8, a value over the form limits, a Host that is not a host) must be refused
/// with a 4xx and change no state; odd but well-formed input (broken UTF-8, which decodes to U+FFFD, a bidi override,
/// markup, long Unicode) may be processed, so it only must not fail.
/// </summary>
public abstract class InputFuzzTests(IResetServer server) : ResetSuite(server.Factory, "fuzz")
{
    private const string Flow = "/contoso/B2C_1_signin";

    /// <summary>Malformed, as they travel (percent-encoded): refused, nothing changes.</summary>
    private static readonly string[] Malformed = ["%00", "a%00b", "%01", "%1B%5B2J", "%7F", "%08", "x%0Dy"];

    /// <summary>Malformed in a form: line breaks are allowed there (multi-line fields), other control characters are not.</summary>
    private static readonly string[] MalformedInForms = [.. Malformed.Where(p => !p.Contains("%0D", StringComparison.Ordinal))];

    /// <summary>Well-formed but odd, as they travel: processed or refused, never a failure.</summary>
    private static readonly string[] Odd = ["%ED%A0%80", "%FF%FE", "%E2%80%AEevil", "%", "%zz", "%27%22%3Cscript%3E", string.Concat(Enumerable.Repeat("%C3%A9", 3000)), new string('A', 70_000)];

    private static readonly string[] AuthorizeParameters = ["client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "response_mode", "prompt", "login_hint", "domain_hint", "code_challenge", "code_challenge_method", "max_age", "ui_locales", "id_token_hint", "p", "tx"];

    private static readonly string[] TokenParameters = ["grant_type", "client_id", "client_secret", "code", "code_verifier", "redirect_uri", "refresh_token", "scope", "client_info", "client_assertion", "client_assertion_type"];

    private static readonly string[] LogoutParameters = ["post_logout_redirect_uri", "state", "id_token_hint", "client_id", "p"];

    private static readonly string[] RunNowParameters = ["client_id", "redirect_uri", "response_type", "scope", "p", "state", "code", "id_token", "access_token", "error", "error_description"];

    [Fact]
    public async Task Every_openid_connect_parameter_survives_malformed_and_odd_values()
    {
        var client = Client;
        var before = await StateAsync();
        using var http = Factory.CreateHttpClient();

        foreach (var poison in Malformed)
        {
            await EveryParameterAsync(http, client, poison, refused: true);
        }

        Assert.Equal(before, await StateAsync());

        // Odd values may be accepted (a state with markup starts a journey, a logout signs out): only no failure.
        foreach (var poison in Odd)
        {
            await EveryParameterAsync(http, client, poison, refused: false);
        }
    }

    private async Task EveryParameterAsync(HttpClient http, OidcClient client, string poison, bool refused)
    {
        foreach (var name in AuthorizeParameters)
        {
            await ExpectAsync(http, HttpMethod.Get, With(client.Authorize().Url, name, poison), refused);
        }

        foreach (var name in LogoutParameters)
        {
            await ExpectAsync(http, HttpMethod.Get, $"{Flow}/oauth2/v2.0/logout?{name}={poison}", refused);
        }

        foreach (var name in RunNowParameters)
        {
            await ExpectAsync(http, HttpMethod.Get, $"{Flow}/run-now?{name}={poison}", refused);
            await ExpectAsync(http, HttpMethod.Get, $"/contoso/run-now/result?{name}={poison}", refused);
        }

        await ExpectAsync(http, HttpMethod.Get, $"/contoso/v2.0/.well-known/openid-configuration?p={poison}", refused);
        await ExpectAsync(http, HttpMethod.Get, $"/contoso/discovery/v2.0/keys?p={poison}", refused);
    }

    [Fact]
    public async Task Every_token_parameter_survives_malformed_and_odd_values_and_changes_nothing()
    {
        var before = await StateAsync();
        using var http = Factory.CreateHttpClient();

        foreach (var poison in Malformed.Concat(Odd))
        {
            foreach (var name in TokenParameters)
            {
                var fields = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["client_id"] = ClientId, ["code"] = "not-a-code", ["redirect_uri"] = RedirectUri, ["code_verifier"] = new string('v', 43) };
                fields.Remove(name);
                var body = Encode(fields) + $"&{name}={poison}";
                await ExpectAsync(http, HttpMethod.Post, Flow + "/oauth2/v2.0/token", Malformed.Contains(poison), body);
            }
        }

        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Every_field_of_the_sign_in_and_reset_forms_survives_malformed_and_odd_values()
    {
        var email = await AccountAsync();
        using var browser = Factory.CreateBrowser();
        var signIn = SignInPage.On(browser, await browser.NavigateAsync(Client.Authorize().Url));
        var reset = await OpenResetAsync(browser);
        var verified = await reset.VerifyAddressAsync(browser, server.Smtp, email);
        var newPassword = await verified.ContinueToNewPasswordAsync();

        var forms = new (Navigation Page, string Form, string Button, string[] Fields)[]
        {
            (signIn.Page, "form#localAccountForm", PageElementIds.Next, [PageElementIds.SignInName, PageElementIds.Password, "__RequestVerificationToken"]),
            (newPassword.Page, "form#attributeVerification", PageElementIds.Continue, [PageElementIds.NewPassword, PageElementIds.ReenterPassword, "__RequestVerificationToken"]),
            (newPassword.Page, "form#attributeVerification", PageElementIds.Cancel, ["__RequestVerificationToken"]),
        };

        foreach (var (page, form, button, fields) in forms)
        {
            foreach (var field in fields)
            {
                foreach (var poison in MalformedInForms)
                {
                    var before = await StateAsync();
                    var answer = await PostFormAsync(browser, page, form, button, field, poison);
                    Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{page.Url.AbsolutePath} {field}={poison}: {(int)answer.Status}");
                    Assert.Equal(before, await StateAsync());
                }

                foreach (var poison in Odd.Append("x%0Dy"))
                {
                    var answer = await PostFormAsync(browser, page, form, button, field, poison);
                    Assert.True((int)answer.Status < 500, $"{page.Url.AbsolutePath} {field}={poison[..Math.Min(20, poison.Length)]}: {(int)answer.Status}");
                }
            }
        }

        // Step 1's buttons on a journey of its own (the one above went on to step 2).
        using var other = Factory.CreateBrowser();
        var step1 = await OpenResetAsync(other);
        foreach (var button in new[] { PageElementIds.EmailVerifySend, PageElementIds.Cancel })
        {
            foreach (var field in new[] { PageElementIds.Email, "__RequestVerificationToken" })
            {
                foreach (var poison in MalformedInForms)
                {
                    var before = await StateAsync();
                    var answer = await PostFormAsync(other, step1.Page, "form#attributeVerification", button, field, poison);
                    Assert.True(answer.Status == HttpStatusCode.BadRequest, $"reset {button} {field}={poison}: {(int)answer.Status}");
                    Assert.Equal(before, await StateAsync());
                }
            }
        }
    }

    [Fact]
    public async Task A_form_in_another_charset_or_over_the_size_limits_is_refused_everywhere_and_changes_nothing()
    {
        using var browser = Factory.CreateBrowser();
        var signIn = await browser.NavigateAsync(Client.Authorize().Url);
        var targets = new[] { signIn.Url.PathAndQuery, Flow + "/oauth2/v2.0/token", Flow + "/oauth2/v2.0/authorize", Flow + "/oauth2/v2.0/logout" };
        var before = await StateAsync();

        foreach (var target in targets)
        {
            foreach (var charset in new[] { "utf-7", "utf-16", "x-unknown" })
            {
                using var content = new StringContent("signInName=a%40b.c&password=x&grant_type=client_credentials", Encoding.ASCII);
                content.Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = charset };
                using var response = await browser.Client.PostAsync(target, content);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{target} charset={charset}: {(int)response.StatusCode}");
            }

            using var huge = new StringContent("signInName=" + new string('a', 5 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded");
            using var tooBig = await browser.Client.PostAsync(target, huge);
            Assert.True((int)tooBig.StatusCode is >= 400 and < 500, $"{target} 5 MB value: {(int)tooBig.StatusCode}");
        }

        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Headers_a_client_controls_survive_malformed_and_odd_values_and_an_invalid_host_is_refused()
    {
        using var browser = Factory.CreateBrowser();
        var signIn = await browser.NavigateAsync(Client.Authorize().Url);
        var requests = new (HttpMethod Method, string Url, string? Body)[]
        {
            (HttpMethod.Get, signIn.Url.PathAndQuery, null),
            (HttpMethod.Get, Flow + "/v2.0/.well-known/openid-configuration", null),
            (HttpMethod.Post, Flow + "/oauth2/v2.0/token", "grant_type=authorization_code&code=x&client_id=" + ClientId),
            (HttpMethod.Get, "/admin/api/applications", null),
        };
        var headers = new[] { "Cookie", "Authorization", "Accept", "Accept-Language", "Origin", "Referer", "User-Agent", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "If-None-Match", "Range", "Content-Type" };
        var values = new[] { "\u0001", "a\u007fb", "%00", "\uFFFD\u202E", "idp.antiforgery=%00; idp.binding=\u00e9", "Bearer \u0001", new string('A', 16_000), "text/html; charset=utf-7", "multipart/form-data" };
        var before = await StateAsync();

        foreach (var (method, url, body) in requests)
        {
            foreach (var header in headers)
            {
                foreach (var value in values)
                {
                    using var request = new HttpRequestMessage(method, url);
                    if (body is not null)
                    {
                        request.Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
                    }

                    var added = header == "Content-Type"
                        ? request.Content?.Headers.TryAddWithoutValidation(header, value) == true && request.Content.Headers.Remove("Content-Type") is var _ && request.Content.Headers.TryAddWithoutValidation(header, value)
                        : request.Headers.TryAddWithoutValidation(header, value);
                    if (!added)
                    {
                        continue;
                    }

                    using var response = await browser.Client.SendAsync(request);
                    Assert.True((int)response.StatusCode < 500, $"{method} {url} {header}: {(int)response.StatusCode}");
                }
            }

            foreach (var host in new[] { "idp.test:99999", "idp.test:-1", "idp.test:abc", "idp.test:0", "[::1", "idp test" })
            {
                using var request = new HttpRequestMessage(method, url);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
                }

                request.Headers.TryAddWithoutValidation("Host", host);
                using var response = await browser.Client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} Host {host}: {(int)response.StatusCode}");
            }
        }

        Assert.Equal(before, await StateAsync());
    }

    private async Task ExpectAsync(HttpClient http, HttpMethod method, string url, bool refused, string? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded");
        }

        using var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        var shown = url.Length > 160 ? url[..160] + "…" : url;
        Assert.True(status < 500, $"{method} {shown} {(body is null ? "" : body[..Math.Min(120, body.Length)])}: {status}");
        if (refused)
        {
            Assert.True(status is >= 400 and < 500, $"{method} {shown}: {status}, expected a refusal");
        }
    }

    /// <summary>Submits a page's form as a browser would, with one field's value replaced by <paramref name="poison"/> as it travels.</summary>
    private static async Task<Navigation> PostFormAsync(Browser browser, Navigation page, string form, string button, string field, string poison)
    {
        using var request = browser.FormSubmission(page, form, buttonId: button);
        var pairs = (await request.Content!.ReadAsStringAsync()).Split('&').Where(p => !p.StartsWith(field + "=", StringComparison.Ordinal)).ToList();
        pairs.Add($"{field}={poison}");
        using var poisoned = new HttpRequestMessage(HttpMethod.Post, request.RequestUri) { Content = new StringContent(string.Join('&', pairs), Encoding.ASCII, "application/x-www-form-urlencoded") };
        poisoned.Content.Headers.ContentType!.CharSet = null;
        using var response = await browser.Client.SendAsync(poisoned);
        return new Navigation(request.RequestUri!, response.StatusCode, await response.Content.ReadAsStringAsync(), null);
    }

    private static string With(string url, string name, string poison)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var pairs = url[(query + 1)..].Split('&').Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal)).Append($"{name}={poison}");
        return url[..query] + "?" + string.Join('&', pairs);
    }

    private static string Encode(Dictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    /// <summary>Every table a request could change (abuse-limit counters aside: counting requests is their job).</summary>
    private Task<State> StateAsync() =>
        Factory.WithDbAsync(async db => new State(
            await db.Journeys.CountAsync(),
            await db.Journeys.CountAsync(j => j.Status != IdP.Core.Journeys.JourneyStatus.Pending),
            await db.Users.CountAsync(),
            await db.Users.Select(u => u.PasswordHash).OrderBy(h => h).FirstOrDefaultAsync() ?? "",
            await db.SignInThrottles.SumAsync(t => t.FailedCount),
            await db.SignInSessions.CountAsync(),
            await db.EmailVerifications.SumAsync(v => v.FailedAttempts),
            await db.EmailVerifications.CountAsync(v => v.Status == IdP.Core.PasswordReset.EmailVerificationStatus.Pending),
            await db.EmailCodeSends.CountAsync(),
            await db.OutboxMessages.CountAsync(),
            await db.AuditEvents.CountAsync(),
            await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>().CountAsync(),
            await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreAuthorization>().CountAsync()));

    private sealed record State(int Journeys, int FinishedJourneys, int Users, string FirstPasswordHash, int FailedSignIns, int Sessions, int WrongCodes, int PendingCodes, int CodeSends, int Mail, int Audit, int Tokens, int Authorizations);
}

public sealed class InputFuzzTestsOnSqlite(ResetFactory<Sqlite> server) : InputFuzzTests(server), IClassFixture<ResetFactory<Sqlite>>;

public sealed class InputFuzzTestsOnPostgres(ResetFactory<Postgres> server) : InputFuzzTests(server), IClassFixture<ResetFactory<Postgres>>;
