namespace IdP.Server.Admin.Portal;

/// <summary>Marker for the admin portal's string resources (PortalText.resx).</summary>
public sealed class PortalText;
