namespace IdP.Core.Email;

/// <summary>An email ready to send: one recipient, a subject, and the same content as plain text and as HTML.</summary>
public sealed record EmailMessage(string ToAddress, string? ToName, string Subject, string TextBody, string HtmlBody);

/// <summary>Who an email comes from.</summary>
public sealed record EmailFrom(string Address, string? Name);
