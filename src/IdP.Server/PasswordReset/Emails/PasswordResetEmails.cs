namespace IdP.Server.PasswordReset.Emails;

/// <summary>The reset feature's emails from the templates and ResetEmailText.resx, in the request's language.</summary>
internal sealed class PasswordResetEmails(IStringLocalizer<ResetEmailText> text, EmailBranding branding) : IPasswordResetEmails
{
    public async Task<EmailMessage> VerificationCodeAsync(Tenant tenant, string toAddress, string code, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var seconds = (int)lifetime.TotalSeconds;
        var subject = text["CodeSubject", tenant.DisplayName].Value;
        var (body, html) = await RenderAsync(tenant, "VerificationCode", subject, text["CodeHeading"], new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Intro"] = text["CodeIntro", toAddress],
            ["CodeLabel"] = text["CodeLabel"],
            ["Code"] = code,
            ["Expiry"] = seconds % 60 == 0 ? text["CodeExpiryMinutes", seconds / 60] : text["CodeExpirySeconds", seconds],
            ["Ignore"] = text["CodeIgnore"],
        }, cancellationToken);
        return new EmailMessage(toAddress, null, subject, body, html);
    }

    public async Task<EmailMessage> PasswordChangedAsync(Tenant tenant, Account account, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(account);
        var subject = text["ChangedSubject", tenant.DisplayName].Value;
        var when = changedAt.UtcDateTime.ToString(text["DateFormat"], CultureInfo.CurrentCulture);
        var (body, html) = await RenderAsync(tenant, "PasswordChanged", subject, text["ChangedHeading"], new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Body"] = text["ChangedBody", tenant.DisplayName, when],
            ["Warning"] = text["ChangedWarning"],
        }, cancellationToken);
        return new EmailMessage(account.Email ?? "", account.DisplayName, subject, body, html);
    }

    // The frame every email shares (Templates/Layout.*): language, subject, the tenant's branding, heading and sign-off.
    private async Task<(string Text, string Html)> RenderAsync(
        Tenant tenant, string template, string subject, string heading, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        var brand = await branding.GetAsync(tenant, cancellationToken);
        values["Language"] = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        values["Subject"] = subject;
        values["TenantName"] = tenant.DisplayName;
        values["BannerHtml"] = brand.BannerHtml;
        values["AccentColor"] = brand.AccentColor;
        values["BackgroundColor"] = brand.BackgroundColor;
        values["Heading"] = heading;
        values["Signoff"] = text["Signoff"];
        return EmailTemplate.Render(template, values);
    }
}
