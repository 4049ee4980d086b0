using System.Text;
using System.Text.Json;

namespace TwitchSentiment.Deploy.Model.Internal;

/// <summary>IAM policy documents, written with <see cref="Utf8JsonWriter"/> (no reflection).</summary>
internal static class PolicyJson
{
    public static string Trust(RoleSpec role) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("Effect", "Allow");
        writer.WriteStartObject("Principal");
        writer.WriteString("Service", role.TrustedService);
        writer.WriteEndObject();
        writer.WriteString("Action", "sts:AssumeRole");
        WriteConditions(writer, role.TrustConditions);
        writer.WriteEndObject();
    });

    public static string Permissions(RoleSpec role, string? kmsKeyArn)
    {
        if (role.UsesKmsKey && string.IsNullOrEmpty(kmsKeyArn))
        {
            throw new ArgumentException($"The policy of {role.Name} uses the stack's KMS key; pass the key's ARN.", nameof(kmsKeyArn));
        }

        return Write(writer =>
        {
            foreach (PolicyStatement statement in role.Statements)
            {
                writer.WriteStartObject();
                writer.WriteString("Sid", statement.Sid);
                writer.WriteString("Effect", "Allow");
                WriteList(writer, "Action", statement.Actions);
                WriteList(writer, "Resource", [.. statement.Resources.Select(r => r == Deployment.KmsKeyArnToken ? kmsKeyArn! : r)]);
                WriteConditions(writer, statement.Conditions);
                writer.WriteEndObject();
            }
        });
    }

    private static string Write(Action<Utf8JsonWriter> statements)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", "2012-10-17");
            writer.WriteStartArray("Statement");
            statements(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteConditions(Utf8JsonWriter writer, IReadOnlyList<PolicyCondition> conditions)
    {
        if (conditions.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("Condition");
        foreach (IGrouping<string, PolicyCondition> byOperator in conditions.GroupBy(c => c.Operator, StringComparer.Ordinal))
        {
            writer.WriteStartObject(byOperator.Key);
            foreach (PolicyCondition condition in byOperator)
            {
                WriteList(writer, condition.Key, condition.Values);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
