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

        // System.Net.Mail accepts dots that RFC 5322 does not (a.@x.com, .a@x.com, a..b@x.com). Mail libraries (MimeKit)
        // refuse such addresses, so an account holding one could never receive its mail: refuse them here instead.
        var at = trimmed.LastIndexOf('@');
        var local = trimmed[..Math.Max(at, 0)];
        if (!local.StartsWith('"') && (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)))
        {
            return false;
        }

        return at > 0 && trimmed.IndexOf('.', at) > at + 1 && !trimmed.EndsWith('.');
    }

    /// <summary>
    /// True when <paramref name="typed"/> is <paramref name="stored"/> but for ASCII letter case (after trimming and
    /// Unicode canonical composition). Lookups go by <see cref="SignInNameNormalizer"/>, which also folds compatibility
    /// forms and non-ASCII case (<c>ａlice</c> finds <c>alice</c>, <c>ﬁona</c> <c>fiona</c>, <c>ſtan</c> <c>stan</c>…): mail
    /// systems treat those as other mailboxes, so a code is mailed only when this holds, and then to <paramref name="stored"/>.
    /// </summary>
    public static bool SameMailbox(string typed, string stored)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(stored);
        var a = typed.Trim().Normalize(NormalizationForm.FormC);
        var b = stored.Trim().Normalize(NormalizationForm.FormC);
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && !(char.IsAsciiLetter(a[i]) && char.IsAsciiLetter(b[i]) && (a[i] | 0x20) == (b[i] | 0x20)))
            {
                return false;
            }
        }

        return true;
    }
}
