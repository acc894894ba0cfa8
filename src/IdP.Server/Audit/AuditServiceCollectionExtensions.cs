namespace IdP.Server.Audit;

internal static class AuditServiceCollectionExtensions
{
    /// <summary>The audit log, stamped with the request's address, agent and correlation id.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<IAuditContext, HttpAuditContext>();
        services.AddScoped<AuditLog>();
        services.AddScoped<IHousekeepingTask, AuditHousekeeping>();
        return services;
    }
}
