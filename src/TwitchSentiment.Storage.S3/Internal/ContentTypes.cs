namespace TwitchSentiment.Storage.Internal;

/// <summary>The Content-Type a blob is stored with on S3, from its key's extension, so a report opens in a browser.</summary>
internal static class ContentTypes
{
    /// <summary>What S3 assumes for anything else.</summary>
    public const string Default = "application/octet-stream";

    private static readonly (string Extension, string ContentType)[] ByExtension =
    [
        (".html", "text/html; charset=utf-8"),
        (".json", "application/json"),
        (".jsonl", "application/x-ndjson"),
        (".csv", "text/csv; charset=utf-8"),
        (".txt", "text/plain; charset=utf-8"),
        (".log", "text/plain; charset=utf-8"),
        (".gz", "application/gzip"),
    ];

    /// <summary>The content type for <paramref name="key"/>; a compressed <c>.log.gz</c> is <c>application/gzip</c>.</summary>
    public static string ForKey(string key)
    {
        foreach ((string extension, string contentType) in ByExtension)
        {
            if (key.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return contentType;
            }
        }

        return Default;
    }
}
