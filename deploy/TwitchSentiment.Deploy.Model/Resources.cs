namespace TwitchSentiment.Deploy.Model;

/// <summary>An S3 bucket: private (all public access blocked, ACLs disabled), encrypted with S3-managed keys (SSE-S3).</summary>
/// <param name="LogicalName">The Pulumi resource name.</param>
/// <param name="Name">The bucket's name (globally unique: it carries the account id and region).</param>
/// <param name="Arn">The bucket's ARN.</param>
/// <param name="LifecycleRules">What the bucket deletes by itself.</param>
public sealed record BucketSpec(string LogicalName, string Name, string Arn, IReadOnlyList<LifecycleRule> LifecycleRules)
{
    /// <summary>Default encryption: S3-managed keys.</summary>
    public const string Encryption = "AES256";

    /// <summary>Object ownership: the bucket owner owns every object; ACLs are disabled.</summary>
    public const string ObjectOwnership = "BucketOwnerEnforced";

    /// <summary>The ARN of the objects under <paramref name="prefix"/> (e.g. <c>raw/</c>).</summary>
    public string ObjectsArn(string prefix) => $"{Arn}/{prefix}*";
}

/// <summary>A lifecycle rule of a bucket.</summary>
/// <param name="Id">The rule's id.</param>
/// <param name="Prefix">The keys it applies to (empty: the whole bucket).</param>
/// <param name="ExpireAfterDays">Delete objects this many days after creation; null keeps them.</param>
/// <param name="AbortIncompleteMultipartUploadAfterDays">Abort unfinished multipart uploads after this many days; null leaves them.</param>
public sealed record LifecycleRule(string Id, string Prefix, int? ExpireAfterDays, int? AbortIncompleteMultipartUploadAfterDays);

/// <summary>A KMS key created by the stack (with key rotation) and its alias.</summary>
/// <param name="LogicalName">The Pulumi resource name.</param>
/// <param name="Alias">The alias, <c>alias/…</c>.</param>
/// <param name="Description">The key's description.</param>
public sealed record KmsKeySpec(string LogicalName, string Alias, string Description);

/// <summary>
/// The SSM SecureString parameter holding the credentials document. The stack creates it once with
/// <see cref="PlaceholderValue"/> and never manages its value afterwards (the program ignores changes to it), so
/// <c>pulumi up</c> never overwrites credentials set with <c>aws ssm put-parameter</c> or the refreshed tokens.
/// </summary>
/// <param name="LogicalName">The Pulumi resource name.</param>
/// <param name="Name">The parameter's name.</param>
/// <param name="Arn">The parameter's ARN.</param>
/// <param name="LockArn">The ARN of its refresh lease, <c>NAME.lock</c> (created and deleted by the scraper, not by the stack).</param>
/// <param name="UsesStackKey">Whether it is encrypted with the stack's <see cref="KmsKeySpec"/> (otherwise the account's <c>aws/ssm</c> key).</param>
public sealed record ParameterSpec(string LogicalName, string Name, string Arn, string LockArn, bool UsesStackKey)
{
    /// <summary>The value the parameter is created with; the scraper refuses it with a message saying how to set the credentials.</summary>
    public const string PlaceholderValue = "{\"placeholder\":\"set the credentials: twitch-sentiment auth init --ssm NAME, or aws ssm put-parameter --overwrite\"}";
}

/// <summary>A Lambda function on <c>provided.al2023</c> (native AOT, handler <c>bootstrap</c>).</summary>
/// <param name="LogicalName">The Pulumi resource name.</param>
/// <param name="Name">The function's name.</param>
/// <param name="Arn">The function's ARN.</param>
/// <param name="Role">Its execution role.</param>
/// <param name="ZipPath">The deployment zip, relative to the project folder.</param>
/// <param name="MemoryMb">Memory in MB.</param>
/// <param name="Timeout">Timeout (at most 900 s).</param>
/// <param name="Environment">Environment variables.</param>
/// <param name="AsyncRetryAttempts">How often Lambda retries a failed asynchronous invocation (0–2).</param>
/// <param name="LogGroup">Its log group.</param>
/// <param name="FailedEvents">Where Lambda keeps an asynchronous invocation that failed every attempt.</param>
public sealed record FunctionSpec(
    string LogicalName,
    string Name,
    string Arn,
    RoleSpec Role,
    string ZipPath,
    int MemoryMb,
    TimeSpan Timeout,
    IReadOnlyDictionary<string, string> Environment,
    int AsyncRetryAttempts,
    LogGroupSpec LogGroup,
    QueueSpec FailedEvents)
{
    /// <summary>The runtime: an OS-only runtime for a native executable.</summary>
    public const string Runtime = "provided.al2023";

    /// <summary>The handler: the executable's name in the zip.</summary>
    public const string Handler = "bootstrap";

    /// <summary>The architecture the functions are compiled for (linux-x64).</summary>
    public const string Architecture = "x86_64";
}

/// <summary>A standard SQS queue, encrypted with SQS's own key.</summary>
/// <param name="LogicalName">The Pulumi resource name.</param>
/// <param name="Name">The queue's name.</param>
/// <param name="Arn">The queue's ARN.</param>
/// <param name="Url">The queue's URL, as the AWS CLI takes it.</param>
/// <param name="Retention">How long a message is kept (SQS's longest: 14 days).</param>
public sealed record QueueSpec(string LogicalName, string Name, string Arn, string Url, TimeSpan Retention);

/// <summary>A CloudWatch log group with a retention period.</summary>
/// <param name="LogicalName">The Pulumi resource name.</param>
/// <param name="Name">The group's name, <c>/aws/lambda/{function}</c>.</param>
/// <param name="Arn">The ARN of its log streams (<c>…:log-group:{name}:*</c>).</param>
/// <param name="RetentionDays">Days events are kept.</param>
public sealed record LogGroupSpec(string LogicalName, string Name, string Arn, int RetentionDays);

/// <summary>An IAM role with one inline policy.</summary>
/// <param name="LogicalName">The Pulumi resource name.</param>
/// <param name="Name">The role's name.</param>
/// <param name="Arn">The role's ARN.</param>
/// <param name="TrustedService">The service principal allowed to assume it (<c>lambda.amazonaws.com</c>, <c>scheduler.amazonaws.com</c>).</param>
/// <param name="TrustConditions">Conditions on assuming it (e.g. <c>aws:SourceAccount</c>).</param>
/// <param name="Statements">What it may do: only Allow statements, each with explicit actions and resources.</param>
public sealed record RoleSpec(
    string LogicalName,
    string Name,
    string Arn,
    string TrustedService,
    IReadOnlyList<PolicyCondition> TrustConditions,
    IReadOnlyList<PolicyStatement> Statements)
{
    /// <summary>The trust policy document (JSON).</summary>
    public string AssumeRolePolicyJson() => Internal.PolicyJson.Trust(this);

    /// <summary>
    /// The permissions policy document (JSON), with <see cref="Deployment.KmsKeyArnToken"/> replaced by
    /// <paramref name="kmsKeyArn"/> (the stack key's ARN, known only once the key exists).
    /// </summary>
    public string PolicyJson(string? kmsKeyArn) => Internal.PolicyJson.Permissions(this, kmsKeyArn);

    /// <summary>Whether the policy mentions the stack's KMS key (then the program resolves its ARN first).</summary>
    public bool UsesKmsKey => Statements.Any(s => s.Resources.Contains(Deployment.KmsKeyArnToken));
}

/// <summary>An Allow statement of an IAM policy.</summary>
/// <param name="Sid">What it is for.</param>
/// <param name="Actions">Explicit actions (no wildcards).</param>
/// <param name="Resources">Resource ARNs.</param>
/// <param name="Conditions">Conditions, all of which must hold.</param>
public sealed record PolicyStatement(string Sid, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, IReadOnlyList<PolicyCondition> Conditions);

/// <summary>A condition of a policy statement, e.g. <c>StringEquals aws:SourceAccount 123456789012</c>.</summary>
/// <param name="Operator">The condition operator.</param>
/// <param name="Key">The condition key.</param>
/// <param name="Values">The values, any of which matches.</param>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);

/// <summary>An S3 event notification invoking a function when objects are created under a prefix with a suffix.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Function">The function invoked.</param>
/// <param name="Events">The S3 events (<c>s3:ObjectCreated:*</c>).</param>
/// <param name="FilterPrefix">Only keys starting with this.</param>
/// <param name="FilterSuffix">Only keys ending with this.</param>
/// <param name="Permission">The function's permission letting S3 invoke it (created first).</param>
public sealed record BucketNotificationSpec(
    BucketSpec Bucket,
    FunctionSpec Function,
    IReadOnlyList<string> Events,
    string FilterPrefix,
    string FilterSuffix,
    LambdaPermissionSpec Permission);

/// <summary>A resource-based permission of a function: who may invoke it, from which source.</summary>
/// <param name="LogicalName">The Pulumi resource name.</param>
/// <param name="StatementId">The statement id.</param>
/// <param name="Function">The function.</param>
/// <param name="Principal">The service principal.</param>
/// <param name="SourceArn">The only resource allowed to invoke it.</param>
/// <param name="SourceAccount">The account that must own the source (guards against a bucket name taken over by another account).</param>
public sealed record LambdaPermissionSpec(string LogicalName, string StatementId, FunctionSpec Function, string Principal, string SourceArn, string SourceAccount)
{
    /// <summary>The action allowed.</summary>
    public const string Action = "lambda:InvokeFunction";
}

/// <summary>An EventBridge Scheduler schedule invoking the scraper for one group (flexible time window off).</summary>
/// <param name="LogicalName">The Pulumi resource name.</param>
/// <param name="Name">The schedule's name (default schedule group).</param>
/// <param name="Expression">The schedule expression, e.g. <c>rate(13 minutes)</c>.</param>
/// <param name="Target">The function invoked (asynchronously).</param>
/// <param name="Role">The role the scheduler assumes to invoke it.</param>
/// <param name="Input">The payload: <c>{"channel":"#a","minutes":13.5}</c> or <c>{"channels":["#a","#b"],"minutes":13.5}</c>.</param>
/// <param name="Window">The planned windows.</param>
/// <param name="RetryAttempts">How often the scheduler retries a refused invocation.</param>
/// <param name="MaximumEventAge">How late an invocation may still be delivered.</param>
public sealed record ScheduleSpec(
    string LogicalName,
    string Name,
    string Expression,
    FunctionSpec Target,
    RoleSpec Role,
    string Input,
    CaptureWindow Window,
    int RetryAttempts,
    TimeSpan MaximumEventAge);
