using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace IdP.Core.Branding;

/// <summary>A tenant's own wording of one page or email string in one language, replacing the built-in text.</summary>
public sealed class StringOverride
{
    /// <summary>The tenant.</summary>
    public Guid TenantId { get; set; }

    /// <summary>The language (<c>en</c>, <c>fr</c>).</summary>
    public required string Language { get; set; }

    /// <summary>The string's key, <c>{area}.{id}</c> (<c>SignIn.button_signin</c>, <c>PasswordReset.ver_fail_retry</c>).</summary>
    public required string Key { get; set; }

    /// <summary>The tenant's text (plain text: pages and emails encode it).</summary>
    public required string Value { get; set; }

    /// <summary>When it was set.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The built-in strings a tenant may override: each key with its text per language (the web host lists them).</summary>
public interface IStringCatalog
{
    /// <summary>
    /// Every overridable key (<c>{area}.{id}</c>) with the built-in text pages show in <paramref name="language"/> (a
    /// supported language; English where it has no text of its own).
    /// </summary>
    IReadOnlyDictionary<string, string> BuiltIn(string language);
}

/// <summary>
/// Per-tenant string overrides per language (B2C's language customisation): stored in the database, read once per
/// request by the pages' localizers, from the per-node <see cref="BrandingCache"/> under the
/// <see cref="ConfigurationStamp"/> the request read. An override must name a known string and keep its placeholders (<c>{0}</c>…),
/// so a page can never fail to format it.
/// </summary>
public sealed partial class StringOverrideService(IIdPDbContext db, TenantService tenants, IStringCatalog catalog, TimeProvider time, ConfigurationStamp stamp, BrandingCache cache)
{
    /// <summary>The longest override.</summary>
    public const int MaxLength = 1024;

    /// <summary>The overrides of one language (key to text; read-only, shared by the requests of one stamp).</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string language, CancellationToken cancellationToken) =>
        await cache.StringOverrides.GetOrLoadAsync(await stamp.CurrentAsync(cancellationToken), language, db, static async (d, language, ct) =>
            (IReadOnlyDictionary<string, string>)(await d.StringOverrides.AsNoTracking().Where(o => o.Language == language).ToListAsync(ct))
                .ToFrozenDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal), cancellationToken)
        ?? FrozenDictionary<string, string>.Empty;

    /// <summary>Every overridable string of a language: its key, built-in text in that language and the tenant's text (if any).</summary>
    public async Task<AdminResult<IReadOnlyList<StringEntry>>> ListAsync(string? language, CancellationToken cancellationToken)
    {
        if (Languages.Normalize(language) is not { } supported || supported != language?.ToLowerInvariant())
        {
            return new AdminResult<IReadOnlyList<StringEntry>>.NotFound();
        }

        var overrides = await GetAsync(supported, cancellationToken);
        return new AdminResult<IReadOnlyList<StringEntry>>.Done(
            [.. catalog.BuiltIn(supported).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new StringEntry(d.Key, d.Value, overrides.GetValueOrDefault(d.Key)))]);
    }

    /// <summary>Replaces the overrides of a language with <paramref name="values"/> (a null or empty text removes one).</summary>
    public async Task<AdminResult<IReadOnlyList<StringEntry>>> SetAsync(string? language, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Languages.Normalize(language) is not { } supported || supported != language?.ToLowerInvariant())
        {
            return new AdminResult<IReadOnlyList<StringEntry>>.NotFound();
        }

        var errors = new List<FieldError>();
        var builtInTexts = catalog.BuiltIn(supported);
        foreach (var (key, value) in values)
        {
            if (!builtInTexts.TryGetValue(key, out var builtIn))
            {
                errors.Add(new(key, AdminText.StringUnknown(key, supported)));
            }
            else if (value is { Length: > MaxLength })
            {
                errors.Add(new(key, AdminText.StringTooLong(value.Length, MaxLength)));
            }
            else if (value is not null && value.Any(c => char.IsControl(c) && c is not '\n'))
            {
                errors.Add(new(key, AdminText.StringControlCharacters));
            }
            else if (value is { Length: > 0 } && !SamePlaceholders(builtIn, value))
            {
                errors.Add(new(key, AdminText.StringPlaceholders(string.Join(", ", Placeholders(builtIn).Order(StringComparer.Ordinal)))));
            }
        }

        if (errors.Count > 0)
        {
            return new AdminResult<IReadOnlyList<StringEntry>>.Invalid(errors);
        }

        if ((await tenants.GetAsync(cancellationToken))?.Id is not { } tenantId)
        {
            return new AdminResult<IReadOnlyList<StringEntry>>.Invalid("", AdminText.TenantMissing);
        }

        var now = time.UtcNow();
        db.StringOverrides.RemoveRange(await db.StringOverrides.Where(o => o.Language == supported).ToListAsync(cancellationToken));
        foreach (var (key, value) in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                db.StringOverrides.Add(new StringOverride { TenantId = tenantId, Language = supported, Key = key, Value = value.Trim(), UpdatedAt = now });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return await ListAsync(supported, cancellationToken);
    }

    private static bool SamePlaceholders(string builtIn, string value) => Placeholders(builtIn).SetEquals(Placeholders(value))
        // Braces that are not placeholders would break formatting.
        && Placeholder().Replace(value, "").IndexOfAny(['{', '}']) < 0;

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(:[^{}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

/// <summary>One overridable string of a language.</summary>
/// <param name="Key">Its key, <c>{area}.{id}</c>.</param>
/// <param name="Default">The built-in text in this language (its placeholders are the ones an override must keep).</param>
/// <param name="Override">The tenant's text in this language, or null.</param>
public sealed record StringEntry(string Key, string Default, string? Override);
