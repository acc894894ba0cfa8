namespace IdP.Server.RunNow;

/// <summary>Marker for Run now's string resources (RunNowText.resx): pages, claim and error explanations.</summary>
public sealed class RunNowText;
