namespace IdP.Server.Email;

internal sealed class OutboxMessageMapping : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Kind).HasMaxLength(64);
        builder.Property(m => m.ToAddress).HasMaxLength(256);
        builder.Property(m => m.ToName).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(512);
        builder.Property(m => m.LastError).HasMaxLength(2048);
        builder.Property(m => m.LockedBy).HasMaxLength(128);
        builder.HasIndex(m => new { m.SentAt, m.FailedAt, m.DroppedAt, m.NextAttemptAt });
    }
}
