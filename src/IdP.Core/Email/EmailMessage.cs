namespace IdP.Core.Email;

/// <summary>An email ready to send: one recipient, a subject, and the same content as plain text and as HTML.</summary>
/// <param name="ToAddress">The recipient's address.</param>
/// <param name="ToName">The recipient's display name, when known.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="HtmlBody">The HTML body, with the same content.</param>
public sealed record EmailMessage(string ToAddress, string? ToName, string Subject, string TextBody, string HtmlBody);

/// <summary>Who an email comes from.</summary>
/// <param name="Address">The sender's address.</param>
/// <param name="Name">The sender's display name, when set.</param>
public sealed record EmailFrom(string Address, string? Name);
