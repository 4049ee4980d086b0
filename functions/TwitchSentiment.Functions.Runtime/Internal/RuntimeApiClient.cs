using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TwitchSentiment.Functions.Runtime.Internal;

/// <summary>One invocation as <c>/next</c> gave it.</summary>
internal sealed record NextInvocation(LambdaContext Context, byte[] Payload);

/// <summary>The runtime API answered in a way this runtime cannot go on from (no request id, an unexpected status).</summary>
internal sealed class RuntimeApiException(string message) : Exception(message);

/// <summary>
/// The HTTP calls of the Lambda runtime API, version 2018-06-01: <c>GET invocation/next</c>,
/// <c>POST invocation/{id}/response</c>, <c>POST invocation/{id}/error</c> and <c>POST init/error</c>.
/// </summary>
internal sealed class RuntimeApiClient : IDisposable
{
    internal const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    internal const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    internal const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    internal const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    internal const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    internal RuntimeApiClient(string runtimeApi)
    {
        // No timeout: /next waits as long as there is no invocation (the runtime API documents it so).
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    internal async Task<NextInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync("invocation/next", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new RuntimeApiException($"GET invocation/next answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        string requestId = Header(response, RequestIdHeader) ?? throw new RuntimeApiException($"GET invocation/next answered without {RequestIdHeader}.");
        DateTimeOffset deadline = long.TryParse(Header(response, DeadlineHeader), NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : DateTimeOffset.MaxValue;
        var context = new LambdaContext(requestId, deadline, Header(response, FunctionArnHeader) ?? string.Empty, Header(response, TraceIdHeader));
        byte[] payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new NextInvocation(context, payload);
    }

    /// <summary>Sends the response; false when the runtime API refused it (such as 413 for a response over 6 MB).</summary>
    internal async Task<(bool Accepted, int Status)> RespondAsync(string requestId, Stream body, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(body);
        content.Headers.ContentType = Json;
        using HttpResponseMessage response = await _http.PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken).ConfigureAwait(false);
        return (response.IsSuccessStatusCode, (int)response.StatusCode);
    }

    internal async Task<(bool Accepted, int Status)> ReportErrorAsync(string requestId, string errorType, string errorMessage, string? stackTrace, CancellationToken cancellationToken) =>
        await PostErrorAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", errorType, errorMessage, stackTrace, cancellationToken).ConfigureAwait(false);

    internal async Task<(bool Accepted, int Status)> ReportInitErrorAsync(string errorType, string errorMessage, CancellationToken cancellationToken) =>
        await PostErrorAsync("init/error", errorType, errorMessage, stackTrace: null, cancellationToken).ConfigureAwait(false);

    public void Dispose() => _http.Dispose();

    /// <summary>The error document Lambda shows the caller: <c>{"errorMessage","errorType","stackTrace":[…]}</c>.</summary>
    internal static byte[] ErrorDocument(string errorType, string errorMessage, string? stackTrace)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage", errorMessage);
            json.WriteString("errorType", errorType);
            json.WriteStartArray("stackTrace");
            foreach (string line in (stackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                json.WriteStringValue(line);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async Task<(bool Accepted, int Status)> PostErrorAsync(string path, string errorType, string errorMessage, string? stackTrace, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(ErrorDocument(errorType, errorMessage, stackTrace));
        content.Headers.ContentType = Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        // A header value must be one line of visible ASCII.
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, new string([.. errorType.Select(c => c is >= ' ' and <= '~' ? c : '_')]));
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (response.IsSuccessStatusCode, (int)response.StatusCode);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
