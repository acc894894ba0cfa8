using SignInOptions = IdP.Core.SignIn.SignInOptions;

namespace IdP.Server.SignIn;

internal static class SignInServiceCollectionExtensions
{
    /// <summary>Local-account sign-in: its options (lockout, journey lifetime), the credential check and the SSO session.</summary>
    public static IServiceCollection AddSignIn(this IServiceCollection services)
    {
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<LocalAccountSignIn>();
        services.AddScoped<ForcedPasswordChange>();
        services.AddScoped<Multifactor>();
        services.AddScoped<NewPasswordCheck>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<SsoSession>();
        services.AddScoped<SignInSessions>();
        services.AddScoped<IHousekeepingTask, SignInSessionHousekeeping>();
        services.AddScoped<SignInStep>();
        // Until the password-reset feature replaces it, the sign-in page offers no "Can't access your account?" link.
        services.AddScoped<IForgotPasswordLink, NoForgotPasswordLink>();
        services.AddScoped<IHousekeepingTask, SignInThrottleHousekeeping>();
        return services;
    }
}
