namespace IdP.Server.RunNow;

/// <summary>
/// Hands the application's pipeline to <see cref="OwnPipeline"/> when the host builds it: a first middleware that
/// adds nothing to requests and keeps a reference to everything after it.
/// </summary>
internal sealed class CaptureOwnPipeline(OwnPipeline pipeline) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(rest =>
        {
            pipeline.Capture(rest);
            return rest;
        });
        next(app);
    };
}
