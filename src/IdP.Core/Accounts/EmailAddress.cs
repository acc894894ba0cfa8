using System.Net.Mail;

namespace IdP.Core.Accounts;

/// <summary>Email address shape check shared by sign-in names and recovery addresses.</summary>
public static class EmailAddress
{
    /// <summary>True for a single plain address (<c>local@domain.tld</c>) with no display name.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254)
        {
            return false;
        }

        var trimmed = value.Trim();
        if (!MailAddress.TryCreate(trimmed, out var parsed) || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal))
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        return at > 0 && trimmed.IndexOf('.', at) > at + 1 && !trimmed.EndsWith('.');
    }
}
