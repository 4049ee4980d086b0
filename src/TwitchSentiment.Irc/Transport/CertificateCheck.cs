using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TwitchSentiment.Irc.Transport;

/// <summary>
/// Validates the server certificate for one connection attempt (the system's rules, or the caller's callback) and
/// remembers why it rejected it, because the <see cref="System.Security.Authentication.AuthenticationException"/>
/// that follows does not say.
/// </summary>
internal sealed class CertificateCheck(RemoteCertificateValidationCallback? custom)
{
    /// <summary>Why the certificate was rejected, as a sentence part; null while it was not.</summary>
    public string? Rejection { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        bool accepted = custom is null ? errors == SslPolicyErrors.None : custom(sender, certificate, chain, errors);
        if (!accepted)
        {
            Rejection = Describe(chain, errors, custom is not null);
        }

        return accepted;
    }

    private static string Describe(X509Chain? chain, SslPolicyErrors errors, bool byCallback)
    {
        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reasons.Add("the server sent no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add("the certificate is not issued for this host name (name mismatch); check the host in the URL");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            string status = chain is null
                ? "chain errors"
                : string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            reasons.Add(
                $"the certificate is not trusted ({status}): it is self-signed, expired or from an unknown authority; " +
                $"trust it in the system store, or, for a known test certificate, set {nameof(IrcTransportOptions)}." +
                $"{nameof(IrcTransportOptions.CertificateValidation)}");
        }

        if (byCallback)
        {
            reasons.Add($"{nameof(IrcTransportOptions)}.{nameof(IrcTransportOptions.CertificateValidation)} rejected it");
        }

        return string.Join("; ", reasons);
    }
}
