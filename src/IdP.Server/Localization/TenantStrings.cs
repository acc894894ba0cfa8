namespace IdP.Server.Localization;

/// <summary>
/// The tenant's string overrides in the request's language, loaded once per request by <see cref="LoadAsync"/> (a
/// middleware, after the language is chosen) because localizers are synchronous.
/// </summary>
public sealed class TenantStrings(StringOverrideService overrides)
{
    private IReadOnlyDictionary<string, string>? _values;

    /// <summary>Loads the overrides of the current UI language.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var language = Languages.Normalize(CultureInfo.CurrentUICulture.Name) ?? Languages.Default;
        _values = await overrides.GetAsync(language, cancellationToken);
    }

    /// <summary>The override of <paramref name="key"/>, or null (also when nothing was loaded for this request).</summary>
    public string? Find(string key) => _values?.GetValueOrDefault(key);
}

/// <summary>
/// Wraps the resource-file localizers of the overridable resources (<see cref="StringCatalog"/>) so a tenant's override
/// in the request's language wins over the built-in text. Outside a request (start-up) the built-in text is used.
/// </summary>
internal sealed class OverridingStringLocalizerFactory(ResourceManagerStringLocalizerFactory inner, IHttpContextAccessor http) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) =>
        StringCatalog.AreaOf(resourceSource) is { } area ? new OverridingStringLocalizer(inner.Create(resourceSource), area, http) : inner.Create(resourceSource);

    public IStringLocalizer Create(string baseName, string location) => inner.Create(baseName, location);

    private sealed class OverridingStringLocalizer(IStringLocalizer inner, string area, IHttpContextAccessor http) : IStringLocalizer
    {
        public LocalizedString this[string name] =>
            Override(name) is { } text ? new LocalizedString(name, text, resourceNotFound: false) : inner[name];

        public LocalizedString this[string name, params object[] arguments] =>
            Override(name) is { } text ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, text, arguments), resourceNotFound: false) : inner[name, arguments];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private string? Override(string name) =>
            http.HttpContext?.RequestServices.GetService<TenantStrings>()?.Find($"{area}.{name}");
    }
}
