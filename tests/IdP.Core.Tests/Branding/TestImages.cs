using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace IdP.Core.Tests.Branding;

/// <summary>Real images made in memory, for the upload checks.</summary>
internal static class TestImages
{
    /// <summary>A PNG of one colour (compresses to a few hundred bytes).</summary>
    public static byte[] Png(int width, int height) => Encode(width, height, noise: false, png: true);

    /// <summary>A PNG of random pixels: about 4 bytes per pixel, so its size is predictable.</summary>
    public static byte[] NoisyPng(int width, int height) => Encode(width, height, noise: true, png: true);

    /// <summary>A JPEG of one colour.</summary>
    public static byte[] Jpeg(int width, int height) => Encode(width, height, noise: false, png: false);

    private static byte[] Encode(int width, int height, bool noise, bool png)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(0, 103, 184));
        if (noise)
        {
            var random = new Random(42);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    image[x, y] = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                }
            }
        }

        using var stream = new MemoryStream();
        if (png)
        {
            image.SaveAsPng(stream);
        }
        else
        {
            image.SaveAsJpeg(stream);
        }

        return stream.ToArray();
    }
}
