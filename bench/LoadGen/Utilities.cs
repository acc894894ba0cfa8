using System.Net;
using System.Net.Sockets;

namespace IdP.LoadGen;

/// <summary>Small helpers bench/run.sh needs and a fresh machine may lack tools for (no python, no curl).</summary>
internal static class Utilities
{
    /// <summary>Prints free loopback TCP ports, one a line.</summary>
    public static int FreePorts(Arguments args)
    {
        var listeners = Enumerable.Range(0, args.Int("count", 1)).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        foreach (var listener in listeners)
        {
            listener.Start();
            Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port);
        }

        listeners.ForEach(l => l.Stop());
        return 0;
    }

    /// <summary>Waits until <c>--url</c> answers 200 (or <c>--timeout</c> seconds pass); fails when it never does.</summary>
    public static async Task<int> WaitAsync(Arguments args)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow.AddSeconds(args.Double("timeout", 120));
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(args.Get("url")));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return 0;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        Console.Error.WriteLine($"{args.Get("url")} did not answer 200 in time.");
        return 1;
    }
}
