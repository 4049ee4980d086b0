using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TwitchSentiment.TestSupport.Aws;

/// <summary>A scripted S3 error answer: the HTTP status and the S3 error code and message in its XML body.</summary>
public sealed record S3Fault(int StatusCode, string ErrorCode, string Message)
{
    /// <summary>S3's throttling answer.</summary>
    public static S3Fault SlowDown { get; } = new(503, "SlowDown", "Please reduce your request rate.");

    /// <summary>S3's generic server error.</summary>
    public static S3Fault InternalError { get; } = new(500, "InternalError", "We encountered an internal error. Please try again.");

    /// <summary>S3's answer when a conditional write meets another write of the same key under way.</summary>
    public static S3Fault ConditionalRequestConflict { get; } =
        new(409, "ConditionalRequestConflict", "A conflicting conditional operation is currently in progress against this resource.");
}

/// <summary>
/// A small HTTP proxy on 127.0.0.1 in front of an S3-compatible server such as <see cref="MotoServer"/>: it answers
/// the first requests with scripted <see cref="S3Fault"/>s and forwards the rest unchanged, so tests can show that a
/// client retries (or gives up) the way it should. Point the client's ServiceURL at <see cref="Endpoint"/>.
/// moto does not check request signatures, so the changed Host is harmless.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Expect", "Content-Length", "Proxy-Connection", "TE", "Upgrade",
    };

    private readonly HttpListener _listener;
    private readonly Uri _target;
    private readonly ConcurrentQueue<S3Fault> _faults;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _forward = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly string? _onlyUrlsContaining;
    private readonly Task _acceptLoop;
    private int _faultsAnswered;

    private FaultInjectingProxy(HttpListener listener, Uri endpoint, Uri target, string? onlyUrlsContaining, IEnumerable<S3Fault> faults)
    {
        _listener = listener;
        Endpoint = endpoint;
        _target = target;
        _onlyUrlsContaining = onlyUrlsContaining;
        _faults = new ConcurrentQueue<S3Fault>(faults);
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The proxy's URL, for an SDK client's ServiceURL.</summary>
    public Uri Endpoint { get; }

    /// <summary>How many requests got a scripted fault.</summary>
    public int FaultsAnswered => Volatile.Read(ref _faultsAnswered);

    /// <summary>Every request seen, in order, as "METHOD /path?query -> status".</summary>
    public IReadOnlyList<string> Requests => [.. _log];

    /// <summary>Starts a proxy to <paramref name="target"/> that answers the first requests with <paramref name="faults"/>, in order.</summary>
    public static FaultInjectingProxy Start(Uri target, params S3Fault[] faults) => Start(target, onlyUrlsContaining: null, faults);

    /// <summary>
    /// Starts a proxy to <paramref name="target"/> that answers the first requests whose path and query contain
    /// <paramref name="onlyUrlsContaining"/> (such as <c>partNumber=2</c>; null for any) with <paramref name="faults"/>, in order.
    /// </summary>
    public static FaultInjectingProxy Start(Uri target, string? onlyUrlsContaining, params S3Fault[] faults)
    {
        ArgumentNullException.ThrowIfNull(target);
        for (int attempt = 1; ; attempt++)
        {
            int port = FreePort();
            var endpoint = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(endpoint.AbsoluteUri);
            try
            {
                listener.Start();
                return new FaultInjectingProxy(listener, endpoint, target, onlyUrlsContaining, faults);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // another process took the port between the probe and the bind; take another
            }
        }
    }

    /// <summary>Stops the proxy.</summary>
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(10));
        _forward.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        var running = new List<Task>();
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break; // stopped
            }

            running.RemoveAll(task => task.IsCompleted);
            running.Add(Task.Run(() => AnswerAsync(context)));
        }

        await Task.WhenAll(running);
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        HttpListenerRequest request = context.Request;
        HttpListenerResponse response = context.Response;
        string line = $"{request.HttpMethod} {request.RawUrl}";
        try
        {
            // Read the whole request first, as a real server would before answering.
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            bool applies = _onlyUrlsContaining is null || (request.RawUrl ?? "").Contains(_onlyUrlsContaining, StringComparison.Ordinal);
            if (applies && _faults.TryDequeue(out S3Fault? fault))
            {
                Interlocked.Increment(ref _faultsAnswered);
                _log.Enqueue($"{line} -> {fault.StatusCode} (scripted {fault.ErrorCode})");
                await WriteFaultAsync(response, fault, request.HttpMethod == "HEAD");
                return;
            }

            using HttpRequestMessage forwarded = Forwarded(request, body.ToArray());
            using HttpResponseMessage answer = await _forward.SendAsync(forwarded, HttpCompletionOption.ResponseContentRead);
            _log.Enqueue($"{line} -> {(int)answer.StatusCode}");
            await CopyAnswerAsync(answer, response, request.HttpMethod == "HEAD");
        }
        catch (Exception error) when (error is HttpRequestException or HttpListenerException or IOException or InvalidOperationException)
        {
            _log.Enqueue($"{line} -> proxy failure: {error.Message}");
            try
            {
                response.StatusCode = 502;
                response.Close();
            }
            catch (Exception closeError) when (closeError is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                _log.Enqueue($"{line} -> could not answer 502: {closeError.Message}");
            }
        }
    }

    private HttpRequestMessage Forwarded(HttpListenerRequest request, byte[] body)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, request.RawUrl));
        if (body.Length > 0 || request.HttpMethod is "PUT" or "POST")
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (string? name in request.Headers.AllKeys)
        {
            if (name is null || HopByHopHeaders.Contains(name))
            {
                continue;
            }

            string[] values = request.Headers.GetValues(name) ?? [];
            if (!message.Headers.TryAddWithoutValidation(name, values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return message;
    }

    private static async Task CopyAnswerAsync(HttpResponseMessage answer, HttpListenerResponse response, bool isHead)
    {
        response.StatusCode = (int)answer.StatusCode;
        foreach ((string name, IEnumerable<string> values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHopHeaders.Contains(name))
            {
                response.Headers[name] = string.Join(",", values);
            }
        }

        byte[] content = await answer.Content.ReadAsByteArrayAsync();
        if (isHead)
        {
            response.Close();
            return;
        }

        response.ContentLength64 = content.Length;
        await response.OutputStream.WriteAsync(content);
        response.Close();
    }

    private static async Task WriteFaultAsync(HttpListenerResponse response, S3Fault fault, bool isHead)
    {
        response.StatusCode = fault.StatusCode;
        response.ContentType = "application/xml";
        byte[] content = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{fault.ErrorCode}</Code><Message>{fault.Message}</Message><RequestId>scripted-fault</RequestId></Error>");
        if (!isHead)
        {
            response.ContentLength64 = content.Length;
            await response.OutputStream.WriteAsync(content);
        }

        response.Close();
    }
}
