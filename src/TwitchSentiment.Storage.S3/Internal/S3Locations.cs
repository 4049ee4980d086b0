namespace TwitchSentiment.Storage.Internal;

/// <summary>Bucket names and <c>s3://bucket/prefix</c> locations.</summary>
internal static class S3Locations
{
    public const string Scheme = "s3://";

    /// <summary>What is wrong with <paramref name="bucket"/> by S3's general-purpose bucket naming rules, or null.</summary>
    public static string? BucketProblem(string? bucket)
    {
        if (string.IsNullOrEmpty(bucket))
        {
            return "it is empty";
        }

        if (bucket.Length is < 3 or > 63)
        {
            return $"it has {bucket.Length} characters; S3 allows 3 to 63";
        }

        foreach (char c in bucket)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '.' && c != '-')
            {
                return $"it holds '{c}'; S3 allows only lowercase letters, digits, '.' and '-'";
            }
        }

        if (!char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            return "it must start and end with a letter or digit";
        }

        return bucket.Contains("..", StringComparison.Ordinal) ? "it holds '..'" : null;
    }

    /// <summary>Splits <c>s3://bucket/prefix</c>; throws an <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static (string Bucket, string Prefix) Parse(string location, string parameterName) =>
        TryParse(location, out string bucket, out string prefix) is { } problem
            ? throw new ArgumentException(problem, parameterName)
            : (bucket, prefix);

    /// <summary>Splits <c>s3://bucket/prefix</c>. Returns null, or what is wrong with the location (a whole sentence with the fix).</summary>
    public static string? TryParse(string location, out string bucket, out string prefix)
    {
        bucket = prefix = "";
        if (!location.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return $"The storage location '{location}' starts like an S3 location but not with 's3://'. Use s3://bucket or s3://bucket/prefix.";
        }

        string rest = location[Scheme.Length..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        bucket = slash < 0 ? rest : rest[..slash];
        prefix = slash < 0 ? "" : rest[(slash + 1)..];
        string? problem = rest.IndexOfAny(['?', '#']) >= 0
            ? "it has a query or fragment ('?' or '#'), which an S3 location does not take"
            : BucketProblem(bucket) is { } bucketProblem
                ? $"the bucket name '{bucket}' is not valid: {bucketProblem}"
                : null;
        if (problem is null && BlobKeys.PrefixProblem(prefix) is { } prefixProblem)
        {
            problem = $"the prefix '{prefix}' is not valid: {prefixProblem}";
        }

        return problem is null
            ? null
            : $"The storage location '{location}' is not a valid S3 location: {problem}. Use s3://bucket or s3://bucket/prefix, such as s3://my-chat-logs/twitch-sentiment.";
    }
}
