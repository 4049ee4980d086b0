using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TwitchSentiment.TestSupport.Irc;

/// <summary>The server's side of connection set-up: its certificate and the WebSocket upgrade.</summary>
internal static class ServerHandshakes
{
    /// <summary>RFC 6455 §1.3: the GUID appended to Sec-WebSocket-Key before hashing.</summary>
    private const string WebSocketKeyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>An upgrade request is a few hundred bytes; more than this is not one.</summary>
    private const int MaxRequestBytes = 16 * 1024;

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    /// <summary>A self-signed server certificate for <paramref name="hostName"/>, valid from yesterday for a week.</summary>
    public static X509Certificate2 CreateCertificate(string hostName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        if (hostName == "localhost")
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 inMemory = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        // Round-trip through PKCS#12: Windows' TLS cannot serve a certificate whose key exists only in memory.
        return X509CertificateLoader.LoadPkcs12(inMemory.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Reads the client's HTTP upgrade request and answers 101 (or 404 for another path). True when upgraded.
    /// </summary>
    public static async Task<bool> AcceptWebSocketUpgradeAsync(Stream stream, string path, CancellationToken cancellationToken)
    {
        string request = await ReadRequestHeadAsync(stream, cancellationToken);
        string[] lines = request.Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        string? key = lines
            .Skip(1)
            .Select(line => line.Split(':', 2, StringSplitOptions.TrimEntries))
            .Where(header => header.Length == 2 && header[0].Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))
            .Select(header => header[1])
            .FirstOrDefault();
        if (requestLine is not ["GET", _, "HTTP/1.1"] || key is null)
        {
            throw new InvalidDataException($"Not a WebSocket upgrade request: '{lines[0]}'.");
        }

        if (requestLine[1] != path)
        {
            await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken);
            return false;
        }

#pragma warning disable CA5350 // RFC 6455 prescribes SHA-1 for Sec-WebSocket-Accept; it protects nothing.
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketKeyGuid)));
#pragma warning restore CA5350
        string response =
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Accept: {accept}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken);
        return true;
    }

    /// <summary>
    /// Reads up to the blank line ending the request head. The client sends nothing more before it sees 101, so
    /// reading in chunks cannot swallow WebSocket frames.
    /// </summary>
    private static async Task<string> ReadRequestHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[MaxRequestBytes];
        int length = 0;
        while (true)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException("The client closed the connection during the WebSocket upgrade.");
            }

            length += read;
            int end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return Encoding.ASCII.GetString(buffer, 0, end);
            }

            if (length == buffer.Length)
            {
                throw new InvalidDataException($"The WebSocket upgrade request is longer than {MaxRequestBytes} bytes.");
            }
        }
    }
}
