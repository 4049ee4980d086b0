using System.Text.Json;
using TwitchSentiment.Deploy.Model;

namespace TwitchSentiment.Deploy.Tests;

/// <summary>Least privilege: explicit actions, scoped resources, exactly what each function uses.</summary>
public sealed class PolicyTests
{
    [Theory]
    [MemberData(nameof(Some.Variants), MemberType = typeof(Some))]
    public void No_policy_has_a_wildcard_action(string variant)
    {
        Deployment deployment = Some.Variant(variant);

        Assert.Empty(
            from role in deployment.Roles
            from statement in role.Statements
            from action in statement.Actions
            let problem = PolicyChecks.ActionProblem(action)
            where problem is not null
            select $"{role.Name}/{statement.Sid}: {problem}");
    }

    [Theory]
    [MemberData(nameof(Some.Variants), MemberType = typeof(Some))]
    public void Every_resource_arn_is_scoped_to_this_deployment(string variant)
    {
        Deployment deployment = Some.Variant(variant);

        Assert.Empty(
            from role in deployment.Roles
            from statement in role.Statements
            from resource in statement.Resources
            let arn = resource == Deployment.KmsKeyArnToken ? Some.KeyArn : resource
            let problem = PolicyChecks.ArnProblem(arn, deployment.Account)
            where problem is not null
            select $"{role.Name}/{statement.Sid}: {problem}");
        Assert.All(deployment.Notifications, n => Assert.Null(PolicyChecks.ArnProblem(n.Permission.SourceArn, deployment.Account)));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("s3:*")]
    [InlineData("s3:Get*")]
    [InlineData("s3:GetObjec?")]
    [InlineData("GetObject")]
    public void The_action_check_catches_wildcards(string action) =>
        Assert.NotNull(PolicyChecks.ActionProblem(action));

    [Theory]
    [InlineData("*")]
    [InlineData("arn:aws:s3:::*")]
    [InlineData("arn:aws:s3:::bucket/*")]
    [InlineData("arn:aws:s3:::bucket*")]
    [InlineData("arn:aws:s3:::bucket/*/raw")]
    [InlineData("arn:aws:ssm:eu-west-1:*:parameter/x")]
    [InlineData("arn:aws:ssm:*:123456789012:parameter/x")]
    [InlineData("arn:aws:ssm:eu-west-1:999999999999:parameter/x")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:*")]
    [InlineData("arn:aws:kms:eu-west-1:123456789012:key/*")]
    [InlineData("arn:aws:logs:eu-west-1:123456789012:log-group:*")]
    [InlineData("arn:aws-cn:s3:::bucket/raw/*")]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:")]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:*")]
    [InlineData("arn:aws:sqs:*:123456789012:q")]
    public void The_arn_check_catches_unscoped_resources(string arn) =>
        Assert.NotNull(PolicyChecks.ArnProblem(arn, Some.Account));

    [Theory]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws:s3:::bucket/raw/*")]
    [InlineData("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f:*")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:f")]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:twitch-sentiment-failed-events")]
    public void The_arn_check_accepts_scoped_resources(string arn) =>
        Assert.Null(PolicyChecks.ArnProblem(arn, Some.Account));

    [Fact]
    public void Each_function_may_do_exactly_what_it_uses()
    {
        Deployment deployment = Some.Variant("kms");
        string raw = deployment.RawBucket.Arn, results = deployment.ResultsBucket.Arn;
        string parameter = deployment.CredentialsParameter!.Arn;

        Assert.Equal(
            [
                $"s3:AbortMultipartUpload {raw}/raw/*", $"s3:GetObject {raw}/raw/*", $"s3:PutObject {raw}/raw/*", $"s3:ListBucket {raw}",
                $"ssm:GetParameter {parameter}", $"ssm:PutParameter {parameter}",
                $"ssm:DeleteParameter {parameter}.lock", $"ssm:GetParameter {parameter}.lock", $"ssm:PutParameter {parameter}.lock",
                $"kms:Decrypt {Deployment.KmsKeyArnToken}", $"kms:Encrypt {Deployment.KmsKeyArnToken}",
                $"logs:CreateLogStream {deployment.Scraper.LogGroup.Arn}", $"logs:PutLogEvents {deployment.Scraper.LogGroup.Arn}",
                $"sqs:SendMessage {deployment.FailedEvents.Arn}",
            ],
            Grants(deployment.Scraper.Role));
        Assert.Equal(
            [
                $"s3:GetObject {raw}/raw/*", $"s3:ListBucket {raw}",
                $"s3:AbortMultipartUpload {results}/results/*", $"s3:GetObject {results}/results/*", $"s3:PutObject {results}/results/*", $"s3:ListBucket {results}",
                $"logs:CreateLogStream {deployment.Analyzer.LogGroup.Arn}", $"logs:PutLogEvents {deployment.Analyzer.LogGroup.Arn}",
                $"sqs:SendMessage {deployment.FailedEvents.Arn}",
            ],
            Grants(deployment.Analyzer.Role));
        Assert.Equal(
            [
                $"s3:GetObject {results}/results/*", $"s3:ListBucket {results}",
                $"s3:AbortMultipartUpload {results}/reports/*", $"s3:PutObject {results}/reports/*",
                $"logs:CreateLogStream {deployment.Reporter.LogGroup.Arn}", $"logs:PutLogEvents {deployment.Reporter.LogGroup.Arn}",
                $"sqs:SendMessage {deployment.FailedEvents.Arn}",
            ],
            Grants(deployment.Reporter.Role));
        Assert.Equal([$"lambda:InvokeFunction {deployment.Scraper.Arn}"], Grants(deployment.SchedulerRole!));
    }

    [Fact]
    public void The_reporter_lists_only_under_results()
    {
        PolicyStatement list = Some.Deployment().Reporter.Role.Statements.Single(s => s.Actions.Contains("s3:ListBucket"));

        PolicyCondition condition = Assert.Single(list.Conditions);
        Assert.Equal(("StringLike", "s3:prefix", "results/*"), (condition.Operator, condition.Key, Assert.Single(condition.Values)));
    }

    [Fact]
    public void Anonymous_capture_has_no_parameter_and_no_ssm_or_kms_permission()
    {
        Deployment deployment = Some.Variant("anonymous");

        Assert.Null(deployment.CredentialsParameter);
        Assert.Null(deployment.KmsKey);
        Assert.DoesNotContain(deployment.Roles.SelectMany(r => r.Statements).SelectMany(s => s.Actions), a => a.StartsWith("ssm:", StringComparison.Ordinal) || a.StartsWith("kms:", StringComparison.Ordinal));
        Assert.False(deployment.Scraper.Environment.ContainsKey("TWITCH_CREDENTIALS_PARAMETER"));
    }

    [Fact]
    public void Without_a_stack_key_the_scraper_has_no_kms_permission()
    {
        Deployment deployment = Some.Deployment();

        Assert.NotNull(deployment.CredentialsParameter);
        Assert.False(deployment.CredentialsParameter.UsesStackKey);
        Assert.DoesNotContain(deployment.Scraper.Role.Statements.SelectMany(s => s.Actions), a => a.StartsWith("kms:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_stack_key_is_usable_only_through_ssm_in_the_region()
    {
        Deployment deployment = Some.Variant("kms");
        PolicyStatement key = deployment.Scraper.Role.Statements.Single(s => s.Resources.Contains(Deployment.KmsKeyArnToken));

        PolicyCondition condition = Assert.Single(key.Conditions);
        Assert.Equal(("StringEquals", "kms:ViaService", "ssm.eu-west-1.amazonaws.com"), (condition.Operator, condition.Key, Assert.Single(condition.Values)));
        Assert.True(deployment.Scraper.Role.UsesKmsKey);
        Assert.False(deployment.Analyzer.Role.UsesKmsKey);
    }

    [Fact]
    public void PolicyJson_puts_in_the_key_arn_and_refuses_to_leave_it_out()
    {
        RoleSpec scraper = Some.Variant("kms").Scraper.Role;

        string json = scraper.PolicyJson(Some.KeyArn);

        Assert.Contains(Some.KeyArn, json, StringComparison.Ordinal);
        Assert.DoesNotContain(Deployment.KmsKeyArnToken, json, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => scraper.PolicyJson(null));
    }

    [Theory]
    [MemberData(nameof(Some.Variants), MemberType = typeof(Some))]
    public void Policy_documents_are_valid_iam_json_that_only_allow(string variant)
    {
        foreach (RoleSpec role in Some.Variant(variant).Roles)
        {
            using var permissions = JsonDocument.Parse(role.PolicyJson(Some.KeyArn));
            using var trust = JsonDocument.Parse(role.AssumeRolePolicyJson());

            Assert.Equal("2012-10-17", permissions.RootElement.GetProperty("Version").GetString());
            JsonElement[] statements = [.. permissions.RootElement.GetProperty("Statement").EnumerateArray()];
            Assert.Equal(role.Statements.Count, statements.Length);
            Assert.All(statements, s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
            Assert.All(statements, s => Assert.NotEmpty(s.GetProperty("Resource").EnumerateArray()));
            Assert.Equal(role.Statements.Select(s => s.Sid), statements.Select(s => s.GetProperty("Sid").GetString()));

            JsonElement assume = Assert.Single(trust.RootElement.GetProperty("Statement").EnumerateArray());
            Assert.Equal(role.TrustedService, assume.GetProperty("Principal").GetProperty("Service").GetString());
            Assert.Equal("sts:AssumeRole", assume.GetProperty("Action").GetString());
        }
    }

    [Fact]
    public void Only_the_scheduler_in_this_account_may_assume_the_scheduler_role()
    {
        Deployment deployment = Some.Variant("scheduled");

        using var trust = JsonDocument.Parse(deployment.SchedulerRole!.AssumeRolePolicyJson());

        JsonElement statement = trust.RootElement.GetProperty("Statement")[0];
        Assert.Equal("scheduler.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("123456789012", statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:SourceAccount")[0].GetString());
        Assert.All(deployment.Functions, f => Assert.Equal("lambda.amazonaws.com", f.Role.TrustedService));
    }

    [Fact]
    public void Each_function_writes_only_its_own_log_group()
    {
        Deployment deployment = Some.Deployment();

        foreach (FunctionSpec function in deployment.Functions)
        {
            PolicyStatement logs = Assert.Single(function.Role.Statements, s => s.Actions.Any(a => a.StartsWith("logs:", StringComparison.Ordinal)));
            Assert.Equal([$"arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/{function.Name}:*"], logs.Resources);
            Assert.DoesNotContain("logs:CreateLogGroup", logs.Actions);
        }
    }

    private static List<string> Grants(RoleSpec role) =>
        [.. role.Statements.SelectMany(s => s.Actions.Order(StringComparer.Ordinal).SelectMany(a => s.Resources.Select(r => $"{a} {r}")))];
}
