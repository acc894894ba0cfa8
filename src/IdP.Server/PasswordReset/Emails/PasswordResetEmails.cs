using System.Globalization;
using IdP.Core.Accounts;
using IdP.Core.Email;
using IdP.Core.PasswordReset;
using IdP.Core.Tenancy;
using Microsoft.Extensions.Localization;

namespace IdP.Server.PasswordReset.Emails;

/// <summary>The reset feature's emails from the templates and ResetEmailText.resx, in the request's language.</summary>
internal sealed class PasswordResetEmails(IStringLocalizer<ResetEmailText> text) : IPasswordResetEmails
{
    public EmailMessage VerificationCode(Tenant tenant, string toAddress, string code, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var seconds = (int)lifetime.TotalSeconds;
        var subject = text["CodeSubject", tenant.DisplayName].Value;
        var (body, html) = EmailTemplate.Render("VerificationCode", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Language"] = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            ["Subject"] = subject,
            ["TenantName"] = tenant.DisplayName,
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

    public EmailMessage PasswordChanged(Tenant tenant, Account account, DateTimeOffset changedAt)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(account);
        var subject = text["ChangedSubject", tenant.DisplayName].Value;
        var when = changedAt.UtcDateTime.ToString(text["DateFormat"], CultureInfo.CurrentCulture);
        var (body, html) = EmailTemplate.Render("PasswordChanged", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Language"] = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            ["Subject"] = subject,
            ["TenantName"] = tenant.DisplayName,
            ["Heading"] = text["ChangedHeading"],
            ["Body"] = text["ChangedBody", tenant.DisplayName, when],
            ["Warning"] = text["ChangedWarning"],
            ["Signoff"] = text["Signoff"],
        });
        return new EmailMessage(account.Email ?? "", account.DisplayName, subject, body, html);
    }
}
