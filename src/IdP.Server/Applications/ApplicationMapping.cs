namespace IdP.Server.Applications;

internal sealed class ApplicationMapping : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> builder)
    {
        builder.ToTable("Applications");
        builder.Property(a => a.ClientId).HasMaxLength(AppRegistrationRules.MaxClientIdLength);
        builder.HasIndex(a => a.ClientId).IsUnique();
        builder.Property(a => a.DisplayName).HasMaxLength(AppRegistrationRules.MaxDisplayNameLength);
        builder.Property(a => a.AppIdUri).HasMaxLength(AppRegistrationRules.MaxAppIdUriLength);
        builder.HasIndex(a => a.AppIdUri).IsUnique();
        builder.Property(a => a.RedirectUris).HasJsonConversion();
        builder.Property(a => a.PostLogoutRedirectUris).HasJsonConversion();
        builder.Property(a => a.ApiScopes).HasJsonConversion();
        builder.Property(a => a.ApiPermissions).HasJsonConversion();
        builder.HasMany(a => a.Secrets).WithOne().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClientSecretMapping : IEntityTypeConfiguration<ClientSecret>
{
    public void Configure(EntityTypeBuilder<ClientSecret> builder)
    {
        builder.ToTable("ClientSecrets");

        // Ids are made by the service, so a secret added to an application's collection is inserted, not updated.
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Hash).HasMaxLength(256);
        builder.Property(s => s.Hint).HasMaxLength(8);
        builder.Property(s => s.Description).HasMaxLength(256);
        builder.Property(s => s.Source).HasMaxLength(16);
    }
}
