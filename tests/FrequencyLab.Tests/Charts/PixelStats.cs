namespace FrequencyLab.Tests.Charts;

/// <summary>Counts of pixels in a screenshot: how many differ from the page background, and how many match a colour.</summary>
public sealed class PixelStats
{
    private const int Tolerance = 40; // per channel: anti-aliased line edges blend with the plot background
    private readonly PngImage _image;

    private PixelStats(PngImage image, double nonBackground) { _image = image; NonBackgroundFraction = nonBackground; }

    /// <summary>Fraction of pixels that differ from the top-left pixel (the page background) by more than a few levels.</summary>
    public double NonBackgroundFraction { get; }

    public static PixelStats Of(PngImage image)
    {
        var bg = image.Pixel(0, 0);
        long differ = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var p = image.Pixel(x, y);
                if (Math.Abs(p.R - bg.R) + Math.Abs(p.G - bg.G) + Math.Abs(p.B - bg.B) > 12) differ++;
            }
        return new PixelStats(image, (double)differ / (image.Width * image.Height));
    }

    /// <summary>Number of pixels within <see cref="Tolerance"/> of <paramref name="colour"/> on every channel.</summary>
    public int Near((byte R, byte G, byte B) colour)
    {
        int n = 0;
        for (int y = 0; y < _image.Height; y++)
            for (int x = 0; x < _image.Width; x++)
            {
                var p = _image.Pixel(x, y);
                if (Math.Abs(p.R - colour.R) <= Tolerance && Math.Abs(p.G - colour.G) <= Tolerance && Math.Abs(p.B - colour.B) <= Tolerance) n++;
            }
        return n;
    }
}
