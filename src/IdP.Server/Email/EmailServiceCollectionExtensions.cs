namespace IdP.Server.Email;

/// <summary>Registers outgoing mail: the outbox, its worker, and SMTP or pickup-directory delivery.</summary>
public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxNode>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<IEmailOutbox>(sp => sp.GetRequiredService<EmailOutbox>());
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<PickupDirectoryEmailTransport>();
        services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<SmtpEmailTransport>()
            : sp.GetRequiredService<PickupDirectoryEmailTransport>());
        services.AddScoped<OutboxDispatcher>();
        services.AddHostedService<OutboxWorker>();
        services.AddScoped<IHousekeepingTask, OutboxHousekeeping>();
        return services;
    }
}
