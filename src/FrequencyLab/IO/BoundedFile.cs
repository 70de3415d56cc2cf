namespace FrequencyLab.IO;

/// <summary>
/// Reads a whole file whose size is checked first, so that a reader's memory is bounded by a stated limit and every
/// failure to read (missing, a folder, no permission, too large, an I/O error) is one <see cref="DataFileException"/>
/// naming the file.
/// </summary>
public static class BoundedFile
{
    /// <summary>
    /// The bytes of <paramref name="path"/>. Throws <see cref="DataFileException"/> when it is missing or unreadable or
    /// longer than <paramref name="maxBytes"/> (checked before anything is read); <paramref name="what"/> names the kind
    /// of file in that message ("dataset", "sidecar", "notebook", "checkpoint", "history").
    /// </summary>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            long length = stream.Length;
            if (length > maxBytes)
                throw new DataFileException(path, $"the {what} is {length} bytes, more than the {maxBytes} a {what} may have");
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            // A file that grew while it was read is read again by the next caller; one that shrank is an I/O error.
            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, "file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new DataFileException(path, Directory.Exists(path) ? $"is a folder, not a {what}" : "permission denied");
        }
        catch (EndOfStreamException)
        {
            throw new DataFileException(path, "the file shrank while it was read");
        }
        catch (IOException e)
        {
            throw new DataFileException(path, $"cannot be read: {PrintableText.Escape(e.Message.Split('\n')[0].Trim(), 200)}");
        }
    }
}
