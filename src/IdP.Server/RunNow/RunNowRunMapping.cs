namespace IdP.Server.RunNow;

internal sealed class RunNowRunMapping : IEntityTypeConfiguration<RunNowRun>
{
    public void Configure(EntityTypeBuilder<RunNowRun> builder)
    {
        builder.ToTable("RunNowRuns");
        builder.HasKey(r => r.State);
        builder.Property(r => r.State).HasMaxLength(64);
        builder.Property(r => r.BindingHash).HasMaxLength(64);
        builder.Property(r => r.Nonce).HasMaxLength(64);
        builder.Property(r => r.Policy).HasMaxLength(64);
        builder.Property(r => r.TenantSegment).HasMaxLength(253);
        builder.Property(r => r.ClientId).HasMaxLength(256);
        builder.Property(r => r.RedirectUri).HasMaxLength(2048);
        builder.Property(r => r.ResponseType).HasMaxLength(16);
        builder.Property(r => r.ProtectedCodeVerifier).HasMaxLength(1024);
        builder.Property(r => r.RunAgainUrl).HasMaxLength(8192);
        builder.HasIndex(r => r.ExpiresAt);
    }
}
