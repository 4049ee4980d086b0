namespace TwitchSentiment.Deploy.Model;

/// <summary>Where the stack is deployed: the account and region the Pulumi program runs against.</summary>
/// <param name="AccountId">The 12-digit account id.</param>
/// <param name="Region">The region, e.g. <c>eu-west-1</c>.</param>
/// <param name="Partition">The ARN partition. Default <c>aws</c>.</param>
public sealed record AwsAccount(string AccountId, string Region, string Partition = "aws")
{
    /// <summary>The partition's domain for service endpoints: <c>amazonaws.com.cn</c> in China, else <c>amazonaws.com</c>.</summary>
    public string DnsSuffix => Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}
