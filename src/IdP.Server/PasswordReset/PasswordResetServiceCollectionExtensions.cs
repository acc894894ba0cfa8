using IdP.Server.PasswordReset.Emails;

namespace IdP.Server.PasswordReset;

/// <summary>Registers self-service password reset (needs <c>AddEmail()</c> for its mail); its pages and the hand-off are Razor Pages.</summary>
public static class PasswordResetServiceCollectionExtensions
{
    public static IServiceCollection AddPasswordReset(this IServiceCollection services)
    {
        services.AddOptions<PasswordResetOptions>().BindConfiguration(PasswordResetOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure<IHostEnvironment>((options, environment) => options.LogCodes = environment.IsDevelopment());
        services.AddScoped<PasswordResetSettingsService>();
        services.AddScoped<GroupService>();
        services.AddScoped<ResetAccounts>();
        services.AddScoped<EmailCodeService>();
        services.AddScoped<ResetCodeService>();
        services.AddScoped<PasswordResetCompletion>();
        services.AddScoped<IPasswordResetEmails, PasswordResetEmails>();
        services.AddScoped<IStartupSeed, PasswordResetSeed>();
        services.AddScoped<IHousekeepingTask, ResetCounterHousekeeping>();
        services.Replace(ServiceDescriptor.Scoped<IForgotPasswordLink, PasswordResetLink>());
        return services;
    }
}
