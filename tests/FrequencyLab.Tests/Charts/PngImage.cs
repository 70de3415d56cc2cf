using System.Buffers.Binary;
using System.IO.Compression;

namespace FrequencyLab.Tests.Charts;

/// <summary>
/// A minimal PNG decoder for the screenshots headless Chromium writes: 8-bit greyscale, RGB or RGBA, not interlaced,
/// all five scanline filters (PNG spec §9). Enough to count pixels; anything else is rejected with a clear message.
/// </summary>
public sealed class PngImage
{
    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    public int Width { get; }
    public int Height { get; }
    /// <summary>Row-major RGB triples, Width × Height × 3 (alpha dropped, greyscale expanded).</summary>
    public byte[] Rgb { get; }

    private PngImage(int width, int height, byte[] rgb) { Width = width; Height = height; Rgb = rgb; }

    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        int i = (y * Width + x) * 3;
        return (Rgb[i], Rgb[i + 1], Rgb[i + 2]);
    }

    public static PngImage Read(string path) => Decode(File.ReadAllBytes(path));

    public static PngImage Decode(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG file");
        int width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
        using var idat = new MemoryStream();
        int pos = 8;
        while (pos + 8 <= png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                bitDepth = data[8]; colorType = data[9]; interlace = data[12];
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            pos += 12 + length; // length, type, data, CRC
        }
        int channels = colorType switch { 0 => 1, 2 => 3, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {colorType} is not supported") };
        if (bitDepth != 8) throw new NotSupportedException($"PNG bit depth {bitDepth} is not supported");
        if (interlace != 0) throw new NotSupportedException("interlaced PNG is not supported");

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        int stride = width * channels;
        var raw = new byte[(stride + 1) * height];
        z.ReadExactly(raw);

        var current = new byte[stride];
        var previous = new byte[stride];
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? current[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                current[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"unknown PNG filter {filter} on row {y}"),
                });
            }
            for (int x = 0; x < width; x++)
            {
                int o = (y * width + x) * 3;
                if (channels == 1) { rgb[o] = rgb[o + 1] = rgb[o + 2] = current[x]; }
                else { rgb[o] = current[x * channels]; rgb[o + 1] = current[x * channels + 1]; rgb[o + 2] = current[x * channels + 2]; }
            }
            (previous, current) = (current, previous);
        }
        return new PngImage(width, height, rgb);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
