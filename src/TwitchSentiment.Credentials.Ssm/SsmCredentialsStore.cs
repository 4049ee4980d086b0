using System.Globalization;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace TwitchSentiment.Credentials.Ssm;

/// <summary>
/// The credentials document in an SSM Parameter Store SecureString, the way users of the original pipeline keep it:
/// read with decryption, replaced with Overwrite (optionally with a KMS key of their choice). The refresh lock is a
/// lease parameter <c>NAME.lock</c> (a plain String naming its holder) created with Overwrite=false, so exactly one run
/// creates it; it is deleted on release, and a lease older than <see cref="LeaseTimeout"/> counts as abandoned (its run
/// died) and is taken over.
/// </summary>
public sealed class SsmCredentialsStore(IAmazonSimpleSystemsManagement ssm, string parameterName, string? kmsKeyId = null, TimeProvider? timeProvider = null)
    : ICredentialsStore
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc/>
    public string Name => $"SSM parameter {parameterName}";

    /// <summary>The lease parameter of the refresh lock: the parameter name with <c>.lock</c> appended.</summary>
    public string LockParameterName => parameterName + ".lock";

    /// <summary>How long <see cref="LockForRefreshAsync"/> waits for another run's lease. Default 30 s.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting run looks at the lease again. Default 250 ms (PutParameter is throttled early).</summary>
    public TimeSpan LockRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Age after which a lease counts as abandoned and is taken over. Default 60 s (a refresh takes seconds).</summary>
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(60);

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
        catch (Exception error) when (error is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException)
        {
            throw Refused("read", error);
        }

        return TwitchCredentials.Parse(response.Parameter.Value, Name);
    }

    /// <inheritdoc/>
    public async Task WriteAsync(TwitchCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        try
        {
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
        catch (Exception error) when (error is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException)
        {
            throw Refused("write", error);
        }
    }

    /// <summary>What SSM's refusal (permissions, KMS, a bad name) or an unreachable SSM means for the user, and what to check.</summary>
    private CredentialsException Refused(string what, Exception error) => new(
        $"SSM did not let this run {what} the parameter {parameterName} ({(error as Amazon.Runtime.AmazonServiceException)?.ErrorCode ?? error.GetType().Name}: {error.Message}). " +
        $"Check the parameter name, AWS_REGION and the permissions: ssm:GetParameter and ssm:PutParameter on it, and kms:Decrypt / kms:Encrypt " +
        "for its key when it is a SecureString with a key of your own.",
        error);

    /// <summary>
    /// Creates the lease parameter <see cref="LockParameterName"/> (Overwrite=false: ParameterAlreadyExists means
    /// another run holds it), waiting every <see cref="LockRetryDelay"/> for at most <see cref="LockTimeout"/>. An
    /// abandoned lease is taken over with an overwrite that must produce the very next version, so of two runs taking
    /// over at once only one wins. Needs ssm:PutParameter, ssm:GetParameter and ssm:DeleteParameter on the lease.
    /// </summary>
    public async Task<IAsyncDisposable> LockForRefreshAsync(CancellationToken cancellationToken = default)
    {
        string holder = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} lease {Guid.NewGuid():N} since {_time.GetUtcNow():O}");
        long started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                await PutLeaseAsync(holder, overwrite: false, cancellationToken).ConfigureAwait(false);
                return new Lease(this, holder);
            }
            catch (ParameterAlreadyExistsException)
            {
                // held by another run: see whether it was abandoned
            }

            Parameter? lease = await GetLeaseAsync(cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                continue; // released meanwhile: try again at once
            }

            if (lease.LastModifiedDate is DateTime modified && _time.GetUtcNow() - AsUtc(modified) > LeaseTimeout)
            {
                long taken = await PutLeaseAsync(holder, overwrite: true, cancellationToken).ConfigureAwait(false);
                if (taken == lease.Version + 1)
                {
                    return new Lease(this, holder);
                }

                continue; // another run took it over first (its overwrite came in between): wait for that one
            }

            if (_time.GetElapsedTime(started) >= LockTimeout)
            {
                throw new TimeoutException(
                    $"Another run has held the refresh lock {LockParameterName} ({lease.Value}) for more than {LockTimeout.TotalSeconds:0.#} s; " +
                    $"a lease older than {LeaseTimeout.TotalSeconds:0.#} s is taken over. If no run is refreshing, delete it: " +
                    $"aws ssm delete-parameter --name {LockParameterName}");
            }

            await Task.Delay(LockRetryDelay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long> PutLeaseAsync(string holder, bool overwrite, CancellationToken cancellationToken)
    {
        PutParameterResponse response = await ssm.PutParameterAsync(
            new PutParameterRequest
            {
                Name = LockParameterName,
                Value = holder,
                Type = ParameterType.String,
                Description = "twitch-sentiment refresh lock: deleted when the refresh is done; safe to delete when no run is refreshing.",
                Overwrite = overwrite,
            },
            cancellationToken).ConfigureAwait(false);
        return response.Version ?? 0;
    }

    private static DateTimeOffset AsUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time);

    /// <summary>Deletes the lease if it is still ours (after a takeover it is somebody else's).</summary>
    private async Task ReleaseAsync(string holder)
    {
        // Released even when the caller was cancelled: a lease left behind blocks other runs for LeaseTimeout.
        Parameter? lease = await GetLeaseAsync(CancellationToken.None).ConfigureAwait(false);
        if (lease?.Value != holder)
        {
            return;
        }

        try
        {
            await ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = LockParameterName }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ParameterNotFoundException)
        {
            // already gone
        }
    }

    private async Task<Parameter?> GetLeaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await ssm.GetParameterAsync(new GetParameterRequest { Name = LockParameterName }, cancellationToken).ConfigureAwait(false)).Parameter;
        }
        catch (ParameterNotFoundException)
        {
            return null;
        }
    }

    private sealed class Lease(SsmCredentialsStore store, string holder) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await store.ReleaseAsync(holder).ConfigureAwait(false);
            }
        }
    }
}
