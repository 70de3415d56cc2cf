namespace FrequencyLab.Charts;

/// <summary>The mime types of notebook outputs: what the kernel formatters write and the runner reads.</summary>
public static class MimeTypes
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
}
