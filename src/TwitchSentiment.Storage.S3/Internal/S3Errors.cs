using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace TwitchSentiment.Storage.Internal;

/// <summary>Turns SDK failures into <see cref="BlobStoreException"/>s that say what, where and how to fix it.</summary>
internal static class S3Errors
{
    /// <summary>
    /// Whether <paramref name="error"/>, thrown by an SDK call, is the store's failure (rather than the caller's
    /// cancellation): a service answer, an SDK or network error, or a timeout.
    /// </summary>
    public static bool IsStoreFailure(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // an HTTP timeout, not the caller
        AmazonServiceException or AmazonClientException or HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>Whether S3 answered with <paramref name="status"/>.</summary>
    public static bool Is(Exception error, HttpStatusCode status) => error is AmazonServiceException service && service.StatusCode == status;

    /// <summary>The exception for a bucket that does not exist.</summary>
    public static BlobStoreException BucketMissing(Exception error, string action, string location, S3BlobStoreOptions options) => new(
        $"The S3 bucket '{options.Bucket}' does not exist{Endpoint(options)}, so {location} could not be {action}. " +
        $"Create it (aws s3 mb s3://{options.Bucket}) or correct the bucket name.",
        error);

    /// <summary>The exception for <paramref name="error"/>, thrown while <paramref name="action"/> (such as "storing") <paramref name="location"/>.</summary>
    public static BlobStoreException Translate(Exception error, string action, string location, S3BlobStoreOptions options)
    {
        if (error is AmazonS3Exception { ErrorCode: "NoSuchBucket" })
        {
            return BucketMissing(error, action, location, options);
        }

        string endpoint = Endpoint(options);
        string message = error switch
        {
            AmazonServiceException { ErrorCode: "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" or "TokenRefreshRequired" } service =>
                $"S3{endpoint} refused the AWS credentials ({service.ErrorCode}: {service.Message}) while {location} was being {action}. " +
                "Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or renew the session token.",
            AmazonServiceException { StatusCode: HttpStatusCode.Forbidden } service =>
                $"Access to {location} was denied ({service.ErrorCode}: {service.Message}) while it was being {action}. " +
                $"Give these credentials s3:GetObject, s3:PutObject, s3:AbortMultipartUpload and s3:ListBucket on the bucket '{options.Bucket}' " +
                "(without s3:ListBucket, S3 answers 403 instead of 404 for a missing key).",
            AmazonServiceException { ErrorCode: "PermanentRedirect" or "AuthorizationHeaderMalformed" or "IllegalLocationConstraintException" } or
            AmazonServiceException { StatusCode: HttpStatusCode.MovedPermanently } =>
                $"The S3 bucket '{options.Bucket}' is in another region than {options.Region ?? "the one configured"} ({error.Message}), so {location} could not be {action}. " +
                "Set the bucket's region (AWS_REGION, or the store's Region option).",
            AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests } service =>
                $"S3{endpoint} kept failing ({(int)service.StatusCode} {service.ErrorCode}: {service.Message}) while {location} was being {action}, " +
                "after the SDK's retries with backoff. Try again later, or allow more retries (the store's MaxRetries option).",
            AmazonServiceException service =>
                $"S3{endpoint} refused to let {location} be {action}: {(int)service.StatusCode} {service.ErrorCode}: {service.Message}",
            AmazonClientException client when client.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase) =>
                $"No AWS credentials were found to let {location} be {action}: {client.Message} " +
                "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run where an IAM role applies.",
            OperationCanceledException =>
                $"S3{endpoint} did not answer in time while {location} was being {action}. Check the network and the endpoint, and try again.",
            _ =>
                $"S3{endpoint} could not be reached while {location} was being {action}: {error.Message} " +
                "Check the network, the region and the endpoint (AWS_ENDPOINT_URL for moto, LocalStack or MinIO).",
        };
        return new BlobStoreException(message, error);
    }

    private static string Endpoint(S3BlobStoreOptions options) => options.ServiceUrl is { } url ? $" at the endpoint {url}" : "";
}
