using System.Net;

namespace TwitchSentiment.Deploy.Model;

/// <summary>
/// AWS's naming rules for what the stack creates; each check returns null for a valid name or the broken rule.
/// Sources: the S3 user guide's general purpose bucket naming rules; the Lambda, IAM, CloudWatch Logs, EventBridge
/// Scheduler and SSM API references' name constraints.
/// </summary>
public static class AwsNames
{
    /// <summary>Retention periods CloudWatch Logs accepts (PutRetentionPolicy's <c>retentionInDays</c>).</summary>
    public static IReadOnlyList<int> LogRetentionDays { get; } =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    /// <summary>S3 general purpose bucket names.</summary>
    public static string? Bucket(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is < 3 or > 63 ? "a bucket name has 3 to 63 characters"
            : name.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789.-") >= 0 ? "a bucket name has only lowercase letters, digits, '.' and '-'"
            : !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]) ? "a bucket name begins and ends with a letter or digit"
            : name.Contains("..", StringComparison.Ordinal) ? "a bucket name has no two adjacent periods"
            : name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out _) ? "a bucket name is not an IP address"
            : name.StartsWith("xn--", StringComparison.Ordinal) || name.StartsWith("sthree-", StringComparison.Ordinal) || name.StartsWith("amzn-s3-demo-", StringComparison.Ordinal)
                ? "a bucket name does not start with xn--, sthree- or amzn-s3-demo-"
            : name.EndsWith("-s3alias", StringComparison.Ordinal) || name.EndsWith("--ol-s3", StringComparison.Ordinal) || name.EndsWith(".mrap", StringComparison.Ordinal) || name.EndsWith("--x-s3", StringComparison.Ordinal)
                ? "a bucket name does not end with -s3alias, --ol-s3, .mrap or --x-s3"
            : null;
    }

    /// <summary>Lambda function names (unqualified).</summary>
    public static string? Function(string name) =>
        Pattern(name, 64, "-_", "a function name has 1 to 64 letters, digits, '-' and '_'");

    /// <summary>IAM role names.</summary>
    public static string? Role(string name) =>
        Pattern(name, 64, "+=,.@-_", "a role name has 1 to 64 letters, digits and +=,.@-_");

    /// <summary>CloudWatch Logs log group names.</summary>
    public static string? LogGroup(string name) =>
        Pattern(name, 512, "._-/#", "a log group name has 1 to 512 letters, digits and ._-/#");

    /// <summary>EventBridge Scheduler schedule names.</summary>
    public static string? Schedule(string name) =>
        Pattern(name, 64, "-_.", "a schedule name has 1 to 64 letters, digits and -_.");

    /// <summary>SSM parameter names (standard tier).</summary>
    public static string? Parameter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string first = name.TrimStart('/').Split('/')[0];
        return Pattern(name, 1011, "_.-/", "a parameter name has 1 to 1011 letters, digits and _.-/") is { } broken ? broken
            : name.Contains('/', StringComparison.Ordinal) && !name.StartsWith('/') ? "a parameter name with '/' begins with '/' (a full hierarchy path)"
            : name.Contains("//", StringComparison.Ordinal) || name.EndsWith('/') ? "a parameter name has no empty path segment"
            : name.Count(c => c == '/') > 15 ? "a parameter name has at most 15 levels"
            : first.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || first.StartsWith("ssm", StringComparison.OrdinalIgnoreCase)
                ? "a parameter name does not begin with aws or ssm (reserved)"
            : null;
    }

    /// <summary>KMS alias names.</summary>
    public static string? KmsAlias(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return !name.StartsWith("alias/", StringComparison.Ordinal) || name.StartsWith("alias/aws/", StringComparison.Ordinal)
            ? "an alias begins with alias/ and not alias/aws/"
            : Pattern(name, 256, "/_-", "an alias has up to 256 letters, digits and /_-");
    }

    private static string? Pattern(string name, int maxLength, string extra, string rule)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > maxLength)
        {
            return rule;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !extra.Contains(c, StringComparison.Ordinal))
            {
                return rule;
            }
        }

        return null;
    }
}
