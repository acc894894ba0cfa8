using System.Globalization;
using IdP.Core.Accounts;
using IdP.Core.Email;
using IdP.Core.PasswordReset;
using IdP.Core.Tenancy;
using IdP.Server.Branding;
using Microsoft.Extensions.Localization;

namespace IdP.Server.PasswordReset.Emails;

/// <summary>The reset feature's emails from the templates and ResetEmailText.resx, in the request's language.</summary>
internal sealed class PasswordResetEmails(IStringLocalizer<ResetEmailText> text, EmailBranding branding) : IPasswordResetEmails
{
    public async Task<EmailMessage> VerificationCodeAsync(Tenant tenant, string toAddress, string code, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var brand = await branding.GetAsync(tenant, cancellationToken);
        var seconds = (int)lifetime.TotalSeconds;
        var subject = text["CodeSubject", tenant.DisplayName].Value;
        var (body, html) = EmailTemplate.Render("VerificationCode", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Language"] = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            ["Subject"] = subject,
            ["TenantName"] = tenant.DisplayName,
            ["BannerHtml"] = brand.BannerHtml,
            ["AccentColor"] = brand.AccentColor,
            ["BackgroundColor"] = brand.BackgroundColor,
            ["Heading"] = text["CodeHeading"],
            ["Intro"] = text["CodeIntro", toAddress],
            ["CodeLabel"] = text["CodeLabel"],
            ["Code"] = code,
            ["Expiry"] = seconds % 60 == 0 ? text["CodeExpiryMinutes", seconds / 60] : text["CodeExpirySeconds", seconds],
            ["Ignore"] = text["CodeIgnore"],
            ["Signoff"] = text["Signoff"],
        });
        return new EmailMessage(toAddress, null, subject, body, html);
    }

    public async Task<EmailMessage> PasswordChangedAsync(Tenant tenant, Account account, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(account);
        var brand = await branding.GetAsync(tenant, cancellationToken);
        var subject = text["ChangedSubject", tenant.DisplayName].Value;
        var when = changedAt.UtcDateTime.ToString(text["DateFormat"], CultureInfo.CurrentCulture);
        var (body, html) = EmailTemplate.Render("PasswordChanged", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Language"] = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            ["Subject"] = subject,
            ["TenantName"] = tenant.DisplayName,
            ["BannerHtml"] = brand.BannerHtml,
            ["AccentColor"] = brand.AccentColor,
            ["BackgroundColor"] = brand.BackgroundColor,
            ["Heading"] = text["ChangedHeading"],
            ["Body"] = text["ChangedBody", tenant.DisplayName, when],
            ["Warning"] = text["ChangedWarning"],
            ["Signoff"] = text["Signoff"],
        });
        return new EmailMessage(account.Email ?? "", account.DisplayName, subject, body, html);
    }
}
