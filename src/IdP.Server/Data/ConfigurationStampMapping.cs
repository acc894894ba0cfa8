namespace IdP.Server.Data;

internal sealed class ConfigurationStampMapping : IEntityTypeConfiguration<ConfigurationStampRow>
{
    public void Configure(EntityTypeBuilder<ConfigurationStampRow> builder)
    {
        builder.ToTable("ConfigurationStamps");
        builder.Property(s => s.Id).ValueGeneratedNever();

        // The one row exists from the migration on; only the triggers of ConfigurationTables change it.
        builder.HasData(new ConfigurationStampRow { Id = ConfigurationStampRow.OnlyId, Version = 0 });
    }
}
