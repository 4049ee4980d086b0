namespace TwitchSentiment.Functions;

/// <summary>The three functions. Each is its own <c>bootstrap</c> binary and zip.</summary>
public enum FunctionKind
{
    /// <summary><c>twitch-sentiment-scraper</c>: captures chat into a raw log in the raw bucket.</summary>
    Scraper,

    /// <summary><c>twitch-sentiment-analyzer</c>: scores a new raw log (S3 event) into the results bucket.</summary>
    Analyzer,

    /// <summary><c>twitch-sentiment-reporter</c>: rebuilds the channel-day report of new results (S3 event).</summary>
    Reporter,
}

/// <summary>Names of the functions as deployed.</summary>
public static class FunctionNames
{
    /// <summary>The deployed name of <paramref name="kind"/>: <c>twitch-sentiment-scraper</c>, <c>-analyzer</c> or <c>-reporter</c>.</summary>
    public static string Of(FunctionKind kind) => kind switch
    {
        FunctionKind.Scraper => "twitch-sentiment-scraper",
        FunctionKind.Analyzer => "twitch-sentiment-analyzer",
        FunctionKind.Reporter => "twitch-sentiment-reporter",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a function"),
    };
}
