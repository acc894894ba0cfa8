namespace IdP.Server.Audit;

internal sealed class AuditEventMapping : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.Policy).HasMaxLength(64);
        builder.Property(e => e.ClientId).HasMaxLength(256);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(512);
        builder.Property(e => e.CorrelationId).HasMaxLength(64);
        builder.Property(e => e.Details).HasMaxLength(4096);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.AccountId, e.OccurredAt });
    }
}
