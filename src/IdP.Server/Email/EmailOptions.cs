namespace IdP.Server.Email;

/// <summary>
/// Bound from <c>IdP:Email</c>. With <c>Smtp:Host</c> set, mail goes to that SMTP server (MailKit); without it, each
/// message is written as an <c>.eml</c> file to <see cref="PickupDirectory"/>, so a fresh <c>dotnet run</c> needs no mail server.
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "IdP:Email";

    /// <summary>Sender address; defaults to <c>no-reply@</c> the tenant's domain.</summary>
    [EmailAddress]
    public string? FromAddress { get; set; }

    /// <summary>Sender name; defaults to the tenant's display name.</summary>
    [StringLength(256)]
    public string? FromName { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Folder for <c>.eml</c> files when no SMTP host is set (relative paths are under the content root).</summary>
    [Required]
    public string PickupDirectory { get; set; } = Path.Combine("App_Data", "mail");

    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>True when an SMTP host is configured.</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Data annotations do not descend into nested objects on their own.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Smtp, new ValidationContext(Smtp), results, validateAllProperties: true);
        Validator.TryValidateObject(Outbox, new ValidationContext(Outbox), results, validateAllProperties: true);
        if (Outbox.MaxRetryDelay < Outbox.FirstRetryDelay)
        {
            results.Add(new ValidationResult($"{Section}:Outbox:MaxRetryDelay must be at least {Section}:Outbox:FirstRetryDelay."));
        }

        if (!string.IsNullOrEmpty(Smtp.UserName) && Smtp.Password is null)
        {
            results.Add(new ValidationResult($"{Section}:Smtp:UserName is set, so {Section}:Smtp:Password must be set too."));
        }

        return results.Select(r => new ValidationResult($"{Section}: {r.ErrorMessage}", r.MemberNames));
    }
}

/// <summary>Bound from <c>IdP:Email:Smtp</c>.</summary>
public sealed class SmtpOptions
{
    /// <summary>The SMTP server; empty means "use the pickup directory".</summary>
    public string? Host { get; set; }

    /// <summary>Defaults by security: 25 for None, 587 for StartTls, 465 for Tls.</summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one SMTP conversation may take before the attempt counts as failed.</summary>
    [Range(5, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    public int EffectivePort => Port ?? Security switch
    {
        SmtpSecurity.None => 25,
        SmtpSecurity.Tls => 465,
        _ => 587,
    };
}

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a local relay or Mailpit).</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS; refuse servers that cannot.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS).</summary>
    Tls,
}

/// <summary>Bound from <c>IdP:Email:Outbox</c>: how queued messages are retried.</summary>
public sealed class OutboxOptions
{
    /// <summary>Attempts before a message is marked failed (it is kept, never deleted).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait after the first failed attempt; each further failure doubles it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest wait between attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each node looks for due messages (messages queued on the same node go at once).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a node owns a message it claimed; after that another node may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Messages claimed per round.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;
}
