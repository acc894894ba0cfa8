using IdP.Core.UserFlows.CustomPages;

namespace IdP.Server.UserFlows;

internal sealed class UserFlowMapping : IEntityTypeConfiguration<UserFlow>
{
    public void Configure(EntityTypeBuilder<UserFlow> builder)
    {
        builder.ToTable("UserFlows");
        builder.Property(f => f.Name).HasMaxLength(64);
        builder.Property(f => f.NormalizedName).HasMaxLength(64);
        builder.HasIndex(f => f.NormalizedName).IsUnique();

        builder.Property(f => f.Type).HasMaxLength(32);
        builder.Property(f => f.SignInType).HasMaxLength(16);
        builder.Property(f => f.RefreshTokenSlidingWindow).HasMaxLength(16);
        builder.Property(f => f.IssuerFormat).HasMaxLength(16);
        builder.Property(f => f.SubjectClaim).HasMaxLength(16);
        builder.Property(f => f.PolicyClaim).HasMaxLength(8);
        builder.Property(f => f.SessionTimeout).HasMaxLength(16);
        builder.Property(f => f.SingleSignOnConfiguration).HasMaxLength(16);
        builder.Property(f => f.MultifactorEnforcement).HasMaxLength(16);
        builder.Property(f => f.MultifactorMethod).HasMaxLength(16);
        builder.Property(f => f.PasswordResetBehavior).HasMaxLength(16);

        builder.Property(f => f.ApplicationClaims)
            .HasConversion(
                v => string.Join(' ', v),
                v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
                ValueListComparer.For<string>())
            .HasMaxLength(512);

        builder.Property(f => f.CustomPageUri).HasMaxLength(2048);
        builder.Property(f => f.CustomPageFailure).HasMaxLength(32);
        builder.Property(f => f.CustomPageFailureDetail).HasMaxLength(CustomPageProblem.MaxDetailLength);
        // The column older versions wrote their (language-bound) text to.
        builder.Property(f => f.CustomPageErrorText).HasMaxLength(512).HasColumnName("CustomPageError");

        builder.ComplexProperty(f => f.PasswordComplexity, c =>
        {
            c.Property(p => p.Level).HasMaxLength(16).HasColumnName("PasswordComplexity");
            c.Property(p => p.MinLength).HasColumnName("PasswordMinLength");
            c.Property(p => p.MaxLength).HasColumnName("PasswordMaxLength");
            c.Property(p => p.RequiredClassCount).HasColumnName("PasswordRequiredClassCount");
            c.Property(p => p.NumbersOnly).HasColumnName("PasswordNumbersOnly");
        });
    }
}
