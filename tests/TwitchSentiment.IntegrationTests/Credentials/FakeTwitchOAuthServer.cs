using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;

namespace TwitchSentiment.IntegrationTests.Credentials;

/// <summary>
/// A local stand-in for id.twitch.tv/oauth2 on 127.0.0.1 (HttpListener): <c>GET /validate</c> accepts the tokens in
/// <see cref="ValidTokens"/>; <c>POST /token</c> swaps a known refresh token for new tokens, or answers with the next
/// scripted failure. Like Twitch it rotates refresh tokens: a used refresh token is refused ever after. Requests are
/// served concurrently, so a test can hold validations at a barrier (<see cref="HoldValidationsUntil"/>).
/// </summary>
internal sealed class FakeTwitchOAuthServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _issued;

    internal FakeTwitchOAuthServer()
    {
        int port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/oauth2/");
        _listener.Prefixes.Add(BaseUrl.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    internal Uri BaseUrl { get; }

    /// <summary>The client secret a refresh must bring.</summary>
    internal string ClientSecret { get; set; } = "client-secret-value";

    /// <summary>The tokens issued by the n-th successful refresh (from 1).</summary>
    internal Func<int, (string AccessToken, string RefreshToken)> Issue { get; set; } =
        n => (string.Create(CultureInfo.InvariantCulture, $"fresh-access-{n:D4}"), string.Create(CultureInfo.InvariantCulture, $"rotated-refresh-{n:D4}"));

    /// <summary>
    /// Holds every validate request until this many have arrived (then answers them all): runs started together
    /// all find the stored token invalid before any of them can refresh. 0: no barrier.
    /// </summary>
    internal int HoldValidationsUntil { get; set; }

    internal int SuccessfulRefreshes => Volatile.Read(ref _issued);

    private readonly TaskCompletionSource _validationsReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentBag<Task> _handlers = [];
    private int _validations;

    internal ConcurrentDictionary<string, bool> ValidTokens { get; } = new();

    internal ConcurrentDictionary<string, bool> ValidRefreshTokens { get; } = new();

    /// <summary>Status codes to answer the next token requests with, before answering normally.</summary>
    internal ConcurrentQueue<(int Status, string? RetryAfter)> TokenFailures { get; } = new();

    internal int RefreshRequests => Volatile.Read(ref _refreshRequests);

    /// <summary>
    /// When set, every request is answered with this status and a message that repeats the request, its Authorization
    /// header and form body included: a misbehaving proxy in front of Twitch.
    /// </summary>
    internal int? EchoWithStatus { get; set; }

    /// <summary>When set, every request is answered 200 with this body as text/html: a captive portal, or a wrong URL.</summary>
    internal string? HtmlPage { get; set; }

    private int _refreshRequests;

    public async ValueTask DisposeAsync()
    {
        _validationsReleased.TrySetResult();
        _listener.Stop();
        _listener.Close();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(_handlers).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _handlers.Add(Task.Run(() => RespondAsync(context)));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        try
        {
            (int status, string body, string? retryAfter) = HtmlPage is not null ? (200, HtmlPage, null)
                : EchoWithStatus is int echoStatus ? (echoStatus, await EchoAsync(context.Request), null)
                : await AnswerAsync(context.Request);
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers["Retry-After"] = retryAfter;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = HtmlPage is null ? "application/json" : "text/html";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // the listener stopped or the client went away
        }
    }

    private async Task<(int, string, string?)> AnswerAsync(HttpListenerRequest request)
    {
        string path = request.Url!.AbsolutePath;
        if (request.HttpMethod == "GET" && path.EndsWith("/validate", StringComparison.Ordinal))
        {
            string token = (request.Headers["Authorization"] ?? string.Empty).Replace("OAuth ", string.Empty, StringComparison.Ordinal);
            if (HoldValidationsUntil > 0)
            {
                if (Interlocked.Increment(ref _validations) >= HoldValidationsUntil)
                {
                    _validationsReleased.TrySetResult();
                }

                await _validationsReleased.Task.WaitAsync(TimeSpan.FromSeconds(20));
            }

            return ValidTokens.ContainsKey(token)
                ? (200, """{"client_id":"cid","login":"ronni","scopes":["chat:read"],"user_id":"1","expires_in":3600}""", null)
                : (401, """{"status":401,"message":"invalid access token"}""", null);
        }

        if (request.HttpMethod == "POST" && path.EndsWith("/token", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _refreshRequests);
            if (TokenFailures.TryDequeue(out (int Status, string? RetryAfter) failure))
            {
                return (failure.Status, """{"status":500,"message":"scripted failure"}""", failure.RetryAfter);
            }

            using var reader = new StreamReader(request.InputStream);
            var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
            if (form["grant_type"] != "refresh_token" || form["client_id"] != "cid" || form["client_secret"] != ClientSecret
                || !ValidRefreshTokens.TryRemove(form["refresh_token"] ?? string.Empty, out _))
            {
                return (400, """{"error":"Bad Request","status":400,"message":"Invalid refresh token"}""", null);
            }

            (string access, string refresh) = Issue(Interlocked.Increment(ref _issued));
            ValidTokens[access] = true;
            ValidRefreshTokens[refresh] = true;
            return (200, $$"""{"access_token":"{{access}}","refresh_token":"{{refresh}}","scope":["chat:read"],"token_type":"bearer","expires_in":14124}""", null);
        }

        return (404, """{"status":404,"message":"not found"}""", null);
    }

    private static async Task<string> EchoAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream);
        string echoed = $"{request.HttpMethod} {request.Url} Authorization: {request.Headers["Authorization"]} body: {await reader.ReadToEndAsync()}";
        return System.Text.Json.JsonSerializer.Serialize(new { status = 400, message = "bad request: " + echoed });
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
