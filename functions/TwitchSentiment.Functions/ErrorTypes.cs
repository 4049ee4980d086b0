namespace TwitchSentiment.Functions;

/// <summary>The <c>errorType</c>s the functions answer with (what <c>aws lambda invoke</c> shows).</summary>
public static class ErrorTypes
{
    /// <summary>An environment variable is missing or malformed (an init error).</summary>
    public const string Configuration = "ConfigurationError";

    /// <summary>The payload is not what the function takes (bad JSON, bad channel name, minutes out of range).</summary>
    public const string InvalidInput = "InvalidInput";

    /// <summary>The credentials in SSM could not be read or used.</summary>
    public const string Credentials = "CredentialsError";

    /// <summary>The capture ended with an error (what was captured is stored and named in the message).</summary>
    public const string CaptureFailed = "CaptureFailed";

    /// <summary>A raw log could not be stored; the message names the local file and the store's error.</summary>
    public const string RawLogNotStored = "RawLogNotStored";

    /// <summary>Some records of an S3 event failed (the others were processed); the message names each.</summary>
    public const string RecordsFailed = "RecordsFailed";
}
