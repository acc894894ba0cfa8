namespace IdP.Server.Layout;

/// <summary>Marker for the layout's string resources (LayoutText.resx).</summary>
public sealed class LayoutText;
