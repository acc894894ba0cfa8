using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace IdP.Server.Tests.Branding;

/// <summary>Real images made in memory for upload tests.</summary>
internal static class BrandingImages
{
    /// <summary>A PNG of one colour (a few hundred bytes).</summary>
    public static byte[] Png(int width, int height, byte shade = 40)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(shade, 103, 184));
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>A PNG of random pixels, so its size in bytes is about four per pixel.</summary>
    public static byte[] NoisyPng(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height);
        var random = new Random(7);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (ref var pixel in rows.GetRowSpan(y))
                {
                    pixel = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                }
            }
        });
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    /// <summary>A JPEG of one colour.</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(230, 230, 240));
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }
}
