using TwitchSentiment.Deploy.Model;

namespace TwitchSentiment.Deploy.Tests;

/// <summary>The least-privilege rules the tests hold every policy to (each has its own test on a broken policy).</summary>
internal static class PolicyChecks
{
    /// <summary>Why an action is not explicit, or null: no <c>*</c> anywhere, a service prefix and an action name.</summary>
    public static string? ActionProblem(string action) =>
        action.Contains('*', StringComparison.Ordinal) || action.Contains('?', StringComparison.Ordinal) ? $"{action} is a wildcard"
        : action.Split(':') is not [{ Length: > 0 }, { Length: > 0 }] ? $"{action} is not service:Action"
        : null;

    /// <summary>
    /// Why a resource ARN is not scoped to this deployment, or null. It must name the partition, a service, this
    /// account and region (where the service has them) and a specific resource; the only wildcard allowed is a final
    /// <c>*</c> after a specific prefix ending in '/' or ':' (objects under <c>bucket/raw/</c>, a log group's streams).
    /// </summary>
    public static string? ArnProblem(string arn, AwsAccount account)
    {
        string[] parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1] != account.Partition || parts[2].Length == 0)
        {
            return $"{arn} is not an ARN of partition {account.Partition}";
        }

        (string service, string region, string accountId, string resource) = (parts[2], parts[3], parts[4], parts[5]);
        if (region != (service is "s3" or "iam" ? string.Empty : account.Region))
        {
            return $"{arn} is not in region {account.Region}";
        }

        if (accountId != (service == "s3" ? string.Empty : account.AccountId))
        {
            return $"{arn} is not in account {account.AccountId}";
        }

        int star = resource.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && (star != resource.Length - 1 || resource[..star] is not [.., '/' or ':']))
        {
            return $"{arn} has a wildcard that is not a final '*' after '/' or ':'";
        }

        // The resource's type (or, for S3, its bucket) and the name within it, which must be specific; an SQS queue's
        // resource is its name alone.
        int split = service switch
        {
            "s3" => resource.IndexOf('/', StringComparison.Ordinal),
            "sqs" => -1,
            _ => resource.IndexOfAny(['/', ':']),
        };
        string owner = split < 0 ? resource : resource[..split];
        string name = split < 0 ? (service is "s3" or "sqs" ? owner : string.Empty) : resource[(split + 1)..].TrimEnd('*');
        return owner.Length == 0 || name.Length == 0 ? $"{arn} names no specific resource" : null;
    }

    /// <summary>The (bucket ARN, key prefix) pairs a role may write objects to.</summary>
    public static IEnumerable<(string Bucket, string Prefix)> WriteScopes(RoleSpec role) =>
        role.Statements
            .Where(s => s.Actions.Contains("s3:PutObject"))
            .SelectMany(s => s.Resources)
            .Select(arn => arn.TrimEnd('*').Split('/', 2))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : string.Empty));

    /// <summary>
    /// The functions a function's writes can invoke through the notifications: G follows F when F may write where a
    /// notification to G listens (one prefix is a prefix of the other; suffixes are not relied on).
    /// </summary>
    public static IEnumerable<(string Writer, string Triggered)> TriggerEdges(IReadOnlyList<FunctionSpec> functions, IReadOnlyList<BucketNotificationSpec> notifications) =>
        from writer in functions
        from scope in WriteScopes(writer.Role)
        from notification in notifications
        where notification.Bucket.Arn == scope.Bucket &&
              (scope.Prefix.StartsWith(notification.FilterPrefix, StringComparison.Ordinal) || notification.FilterPrefix.StartsWith(scope.Prefix, StringComparison.Ordinal))
        select (writer.Name, notification.Function.Name);

    /// <summary>A cycle in the trigger graph (a function's output eventually invoking itself), or null.</summary>
    public static IReadOnlyList<string>? FindCycle(IEnumerable<(string Writer, string Triggered)> edges)
    {
        ILookup<string, string> next = edges.ToLookup(e => e.Writer, e => e.Triggered);
        foreach (string start in next.Select(g => g.Key))
        {
            var path = new List<string> { start };
            if (Walk(start, start, next, path, depth: 0))
            {
                return path;
            }
        }

        return null;
    }

    private static bool Walk(string start, string at, ILookup<string, string> next, List<string> path, int depth)
    {
        foreach (string to in next[at])
        {
            path.Add(to);
            if (to == start || (depth < 10 && Walk(start, to, next, path, depth + 1)))
            {
                return true;
            }

            path.RemoveAt(path.Count - 1);
        }

        return false;
    }
}
