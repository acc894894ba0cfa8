namespace IdP.Server.SignIn;

internal sealed class SignInSessionMapping : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.ToTable("SignInSessions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => s.ExpiresAt);
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(256);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
