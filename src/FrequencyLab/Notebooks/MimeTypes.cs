namespace FrequencyLab.Notebooks;

/// <summary>The mime types the runner writes into notebook outputs.</summary>
public static class MimeTypes
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
}
