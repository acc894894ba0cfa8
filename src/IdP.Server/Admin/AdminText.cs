namespace IdP.Server.Admin;

/// <summary>Marker for the admin pages' string resources (AdminText.resx): what the admin sign-in challenge shows.</summary>
public sealed class AdminText;
