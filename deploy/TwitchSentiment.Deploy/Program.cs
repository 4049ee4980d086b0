// The Pulumi program: builds TwitchSentiment.Deploy.Model from the stack's configuration and creates one Pulumi.Aws
// resource per item of it. Every decision (names, ARNs, policies, timeouts, schedules) is the model's, and is
// unit-tested there; this file only maps.
using Pulumi;
using TwitchSentiment.Deploy.Model;
using Aws = Pulumi.Aws;
using StackModel = TwitchSentiment.Deploy.Model.Deployment;

return await Pulumi.Deployment.RunAsync(async () =>
{
    var settings = new Config(ConfigKeys.Namespace);
    var values = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (string key in ConfigKeys.All)
    {
        if (settings.Get(key[(ConfigKeys.Namespace.Length + 1)..]) is { } value)
        {
            values[key] = value;
        }
    }

    Aws.GetCallerIdentityResult identity = await Aws.GetCallerIdentity.InvokeAsync().ConfigureAwait(false);
    Aws.GetPartitionResult partition = await Aws.GetPartition.InvokeAsync().ConfigureAwait(false);
    var account = new AwsAccount(identity.AccountId, new Config("aws").Require("region"), partition.Partition);
    StackModel model = StackModel.Build(DeploymentOptions.FromConfig(values), account);
    string root = ProjectRoot();

    var buckets = new Dictionary<BucketSpec, Aws.S3.Bucket>();
    foreach (BucketSpec spec in model.Buckets)
    {
        var bucket = new Aws.S3.Bucket(spec.LogicalName, new() { BucketName = spec.Name });
        buckets[spec] = bucket;
        _ = new Aws.S3.BucketOwnershipControls(spec.LogicalName, new()
        {
            Bucket = bucket.Id,
            Rule = new Aws.S3.Inputs.BucketOwnershipControlsRuleArgs { ObjectOwnership = BucketSpec.ObjectOwnership },
        });
        _ = new Aws.S3.BucketPublicAccessBlock(spec.LogicalName, new()
        {
            Bucket = bucket.Id,
            BlockPublicAcls = true,
            BlockPublicPolicy = true,
            IgnorePublicAcls = true,
            RestrictPublicBuckets = true,
        });
        _ = new Aws.S3.BucketServerSideEncryptionConfiguration(spec.LogicalName, new()
        {
            Bucket = bucket.Id,
            Rules =
            {
                new Aws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleArgs
                {
                    ApplyServerSideEncryptionByDefault = new Aws.S3.Inputs.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs
                    {
                        SseAlgorithm = BucketSpec.Encryption,
                    },
                },
            },
        });
        var rules = new InputList<Aws.S3.Inputs.BucketLifecycleConfigurationRuleArgs>();
        foreach (LifecycleRule rule in spec.LifecycleRules)
        {
            var ruleArgs = new Aws.S3.Inputs.BucketLifecycleConfigurationRuleArgs
            {
                Id = rule.Id,
                Status = "Enabled",
                Filter = new Aws.S3.Inputs.BucketLifecycleConfigurationRuleFilterArgs { Prefix = rule.Prefix },
            };
            if (rule.ExpireAfterDays is { } days)
            {
                ruleArgs.Expiration = new Aws.S3.Inputs.BucketLifecycleConfigurationRuleExpirationArgs { Days = days };
            }

            if (rule.AbortIncompleteMultipartUploadAfterDays is { } abortDays)
            {
                ruleArgs.AbortIncompleteMultipartUpload = new Aws.S3.Inputs.BucketLifecycleConfigurationRuleAbortIncompleteMultipartUploadArgs { DaysAfterInitiation = abortDays };
            }

            rules.Add(ruleArgs);
        }

        _ = new Aws.S3.BucketLifecycleConfiguration(spec.LogicalName, new() { Bucket = bucket.Id, Rules = rules });
    }

    Aws.Kms.Key? key = null;
    if (model.KmsKey is { } keySpec)
    {
        key = new Aws.Kms.Key(keySpec.LogicalName, new() { Description = keySpec.Description, EnableKeyRotation = true });
        _ = new Aws.Kms.Alias(keySpec.LogicalName, new() { Name = keySpec.Alias, TargetKeyId = key.KeyId });
    }

    if (model.CredentialsParameter is { } parameter)
    {
        // Created once with a placeholder; the value is the user's (and the scraper's, which stores refreshed tokens).
        var parameterArgs = new Aws.Ssm.ParameterArgs { Name = parameter.Name, Type = "SecureString", Value = ParameterSpec.PlaceholderValue };
        if (parameter.UsesStackKey)
        {
            parameterArgs.KeyId = key!.Arn;
        }

        _ = new Aws.Ssm.Parameter(parameter.LogicalName, parameterArgs, new CustomResourceOptions { IgnoreChanges = { "value" } });
    }

    var roles = new Dictionary<RoleSpec, (Aws.Iam.Role Role, Aws.Iam.RolePolicy Policy)>();
    foreach (RoleSpec spec in model.Roles)
    {
        var role = new Aws.Iam.Role(spec.LogicalName, new() { Name = spec.Name, AssumeRolePolicy = spec.AssumeRolePolicyJson() });
        var policy = new Aws.Iam.RolePolicy(spec.LogicalName, new()
        {
            Role = role.Id,
            Policy = spec.UsesKmsKey ? key!.Arn.Apply(spec.PolicyJson) : Output.Create(spec.PolicyJson(null)),
        });
        roles[spec] = (role, policy);
    }

    var failedEvents = new Aws.Sqs.Queue(model.FailedEvents.LogicalName, new()
    {
        Name = model.FailedEvents.Name,
        MessageRetentionSeconds = (int)model.FailedEvents.Retention.TotalSeconds,
        SqsManagedSseEnabled = true,
    });

    var functions = new Dictionary<FunctionSpec, Aws.Lambda.Function>();
    foreach (FunctionSpec spec in model.Functions)
    {
        var logGroup = new Aws.CloudWatch.LogGroup(spec.LogGroup.LogicalName, new() { Name = spec.LogGroup.Name, RetentionInDays = spec.LogGroup.RetentionDays });
        (Aws.Iam.Role role, Aws.Iam.RolePolicy policy) = roles[spec.Role];
        var function = new Aws.Lambda.Function(spec.LogicalName, new()
        {
            Name = spec.Name,
            Role = role.Arn,
            Runtime = FunctionSpec.Runtime,
            Handler = FunctionSpec.Handler,
            Architectures = { FunctionSpec.Architecture },
            Code = new FileArchive(Path.Combine(root, spec.ZipPath)),
            MemorySize = spec.MemoryMb,
            Timeout = (int)spec.Timeout.TotalSeconds,
            Environment = new Aws.Lambda.Inputs.FunctionEnvironmentArgs { Variables = spec.Environment.ToDictionary() },
        }, new CustomResourceOptions { DependsOn = { logGroup, policy } });
        functions[spec] = function;
        _ = new Aws.Lambda.FunctionEventInvokeConfig(spec.LogicalName, new()
        {
            FunctionName = function.Name,
            MaximumRetryAttempts = spec.AsyncRetryAttempts,
            DestinationConfig = new Aws.Lambda.Inputs.FunctionEventInvokeConfigDestinationConfigArgs
            {
                OnFailure = new Aws.Lambda.Inputs.FunctionEventInvokeConfigDestinationConfigOnFailureArgs { Destination = failedEvents.Arn },
            },
        }, new CustomResourceOptions { DependsOn = { policy } }); // Lambda checks the role may send to the queue
    }

    foreach (BucketNotificationSpec spec in model.Notifications)
    {
        LambdaPermissionSpec permissionSpec = spec.Permission;
        var permission = new Aws.Lambda.Permission(permissionSpec.LogicalName, new()
        {
            StatementId = permissionSpec.StatementId,
            Action = LambdaPermissionSpec.Action,
            Function = functions[permissionSpec.Function].Name,
            Principal = permissionSpec.Principal,
            SourceArn = permissionSpec.SourceArn,
            SourceAccount = permissionSpec.SourceAccount,
        });
        _ = new Aws.S3.BucketNotification(spec.Bucket.LogicalName, new()
        {
            Bucket = buckets[spec.Bucket].Id,
            LambdaFunctions =
            {
                new Aws.S3.Inputs.BucketNotificationLambdaFunctionArgs
                {
                    LambdaFunctionArn = functions[spec.Function].Arn,
                    Events = spec.Events.ToArray(),
                    FilterPrefix = spec.FilterPrefix,
                    FilterSuffix = spec.FilterSuffix,
                },
            },
        }, new CustomResourceOptions { DependsOn = { permission } });
    }

    foreach (ScheduleSpec spec in model.Schedules)
    {
        (Aws.Iam.Role role, Aws.Iam.RolePolicy policy) = roles[spec.Role];
        _ = new Aws.Scheduler.Schedule(spec.LogicalName, new()
        {
            Name = spec.Name,
            GroupName = "default",
            ScheduleExpression = spec.Expression,
            FlexibleTimeWindow = new Aws.Scheduler.Inputs.ScheduleFlexibleTimeWindowArgs { Mode = "OFF" },
            Target = new Aws.Scheduler.Inputs.ScheduleTargetArgs
            {
                Arn = functions[spec.Target].Arn,
                RoleArn = role.Arn,
                Input = spec.Input,
                RetryPolicy = new Aws.Scheduler.Inputs.ScheduleTargetRetryPolicyArgs
                {
                    MaximumRetryAttempts = spec.RetryAttempts,
                    MaximumEventAgeInSeconds = (int)spec.MaximumEventAge.TotalSeconds,
                },
            },
        }, new CustomResourceOptions { DependsOn = { policy } });
    }

    return model.Outputs.ToDictionary(output => output.Key, output => (object?)output.Value);
}).ConfigureAwait(false);

// The folder holding Pulumi.yaml: zip paths in the configuration are relative to it.
static string ProjectRoot()
{
    for (DirectoryInfo? folder = new(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "Pulumi.yaml")))
        {
            return folder.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
