using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace TwitchSentiment.Credentials.Ssm;

/// <summary>
/// The credentials document in an SSM Parameter Store SecureString, the way users of the original pipeline keep it:
/// read with decryption, replaced with Overwrite (optionally with a KMS key of their choice).
/// </summary>
public sealed class SsmCredentialsStore(IAmazonSimpleSystemsManagement ssm, string parameterName, string? kmsKeyId = null) : ICredentialsStore
{
    /// <inheritdoc/>
    public string Name => $"SSM parameter {parameterName}";

    /// <inheritdoc/>
    public async Task<TwitchCredentials> ReadAsync(CancellationToken cancellationToken = default)
    {
        GetParameterResponse response;
        try
        {
            response = await ssm.GetParameterAsync(new GetParameterRequest { Name = parameterName, WithDecryption = true }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ParameterNotFoundException error)
        {
            throw new CredentialsException(
                $"The SSM parameter {parameterName} does not exist. Create it with 'twitch-sentiment auth init --ssm {parameterName}' " +
                "(or aws ssm put-parameter --type SecureString), or leave credentials out to read chat anonymously.", error);
        }

        return TwitchCredentials.Parse(response.Parameter.Value, Name);
    }

    /// <inheritdoc/>
    public async Task WriteAsync(TwitchCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        await ssm.PutParameterAsync(
            new PutParameterRequest
            {
                Name = parameterName,
                Value = credentials.ToJson(),
                Type = ParameterType.SecureString,
                KeyId = kmsKeyId,
                Overwrite = true,
            },
            cancellationToken).ConfigureAwait(false);
    }
}
