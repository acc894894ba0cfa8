namespace IdP.Server.ErrorPages;

/// <summary>Marker for the error pages' string resources (ErrorText.resx).</summary>
public sealed class ErrorText;
