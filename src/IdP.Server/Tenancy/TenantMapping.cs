namespace IdP.Server.Tenancy;

internal sealed class TenantMapping : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(63);
        builder.Property(t => t.Domain).HasMaxLength(253);
        builder.Property(t => t.DisplayName).HasMaxLength(256);
        builder.Property(t => t.PasswordResetMode).HasMaxLength(16);
    }
}
