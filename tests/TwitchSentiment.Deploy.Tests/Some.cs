using System.Reflection;
using TwitchSentiment.Deploy.Model;

namespace TwitchSentiment.Deploy.Tests;

/// <summary>Builders for the tests (in the style of Serilog's <c>Some</c>).</summary>
internal static class Some
{
    public static AwsAccount Account { get; } = new("123456789012", "eu-west-1");

    public const string KeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /// <summary>Options read from configuration values, as the Pulumi program passes them.</summary>
    public static DeploymentOptions Options(params (string Key, string Value)[] values) =>
        DeploymentOptions.FromConfig(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));

    public static Deployment Deployment(params (string Key, string Value)[] values) =>
        Model.Deployment.Build(Options(values), Account);

    /// <summary>The deployments every policy and naming test runs against: default, scheduled, KMS, anonymous, groups.</summary>
    public static TheoryData<string> Variants { get; } = ["default", "scheduled", "kms", "anonymous", "groups", "retention"];

    public static Deployment Variant(string name) => name switch
    {
        "default" => Deployment(),
        "scheduled" => Deployment((ConfigKeys.Channels, "[\"#northernlion\", \"#vinesauce\"]")),
        "kms" => Deployment((ConfigKeys.Channels, "northernlion"), (ConfigKeys.UseKmsKey, "true")),
        "anonymous" => Deployment((ConfigKeys.Channels, "northernlion"), (ConfigKeys.Anonymous, "true")),
        "groups" => Deployment(
            (ConfigKeys.ChannelGroups, "{\"big\": [" + string.Join(", ", Enumerable.Range(0, 90).Select(i => $"\"#chan{i}\"")) + "], \"small\": [\"#a\", \"#b\"]}"),
            (ConfigKeys.Anonymous, "true")),
        "retention" => Deployment((ConfigKeys.ResultsRetentionDays, "365"), (ConfigKeys.RawRetentionDays, "0"), (ConfigKeys.UseKmsKey, "true")),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The text of functions/build.sh.</summary>
    public static string BuildScript()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("build.sh")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The <c>config:</c> section of the shipped Pulumi.dev.yaml (one <c>key: value</c> a line; values inline).</summary>
    public static Dictionary<string, string> DevStackConfig()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Pulumi.dev.yaml")!;
        using var reader = new StreamReader(stream);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool inConfig = false;
        while (reader.ReadLine() is { } line)
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (!line.StartsWith(' '))
            {
                inConfig = trimmed == "config:";
                continue;
            }

            int separator = trimmed.IndexOf(": ", StringComparison.Ordinal);
            Assert.True(inConfig && separator > 0, $"Pulumi.dev.yaml: '{line}' is not a 'key: value' line of the config section");
            values.Add(trimmed[..separator], trimmed[(separator + 2)..]);
        }

        return values;
    }
}
