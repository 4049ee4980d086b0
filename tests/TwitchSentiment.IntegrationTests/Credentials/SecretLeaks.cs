using System.Security.Cryptography;

namespace TwitchSentiment.IntegrationTests.Credentials;

/// <summary>Secrets made for one test, and the check that none of them shows in captured text.</summary>
internal static class SecretLeaks
{
    /// <summary>The longest piece of a secret that may appear (its last four characters, see TwitchCredentials.Redact).</summary>
    internal const int AllowedPieceLength = 4;

    /// <summary>
    /// A random secret of letters and digits: unlike "refresh-0001", no five-character piece of it occurs in ordinary
    /// text by chance, so finding one in a log is a leak.
    /// </summary>
    internal static string NewSecret(string prefix) =>
        prefix + RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 24);

    /// <summary>Fails when any piece of a secret longer than <see cref="AllowedPieceLength"/> characters occurs in <paramref name="captured"/>.</summary>
    internal static void AssertAbsent(string captured, IEnumerable<string> secrets)
    {
        foreach (string secret in secrets)
        {
            for (int start = 0; start + AllowedPieceLength < secret.Length; start++)
            {
                string piece = secret.Substring(start, AllowedPieceLength + 1);
                int at = captured.IndexOf(piece, StringComparison.Ordinal);
                Assert.True(
                    at < 0,
                    $"{AllowedPieceLength + 1} characters of a secret (from its position {start}) appear in the captured text at {at}: " +
                    captured.Substring(Math.Max(0, at - 60), Math.Min(120, captured.Length - Math.Max(0, at - 60))));
            }
        }
    }
}
