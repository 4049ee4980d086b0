using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TwitchSentiment.TestSupport.Aws;

/// <summary>
/// A real <c>moto_server</c> (S3, SSM, SQS) on 127.0.0.1 and a free port, started with
/// <c>python3 -m moto.server</c> (moto 5.2.1 is preinstalled on these machines and CI; elsewhere
/// <c>pip install "moto[server]"</c>), stopped on dispose. Use it as a class or collection fixture.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;

    private MotoServer(Process process, int port)
    {
        _process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The server's URL, for an SDK client's ServiceURL or AWS_ENDPOINT_URL.</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts moto and waits (at most 30 s) until it accepts connections.</summary>
    public static async Task<MotoServer> StartAsync(CancellationToken cancellationToken = default)
    {
        int port = FreePort();
        string python = Environment.GetEnvironmentVariable("PYTHON") ?? "python3";
        var start = new ProcessStartInfo(python, ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null.");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException($"Could not start '{python} -m moto.server': {error.Message}. Install moto: pip install \"moto[server]\".", error);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, port);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"moto_server exited with code {process.ExitCode} before accepting connections. Is moto installed for {python}? (pip install \"moto[server]\")");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100, timeout.Token); // polling a process we started for its port to open
            }
        }
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
