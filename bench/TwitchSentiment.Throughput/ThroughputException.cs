namespace TwitchSentiment.Throughput;

/// <summary>A run that cannot finish: the reference could not be started, failed, or printed something unexpected.</summary>
internal sealed class ThroughputException : Exception
{
    public ThroughputException()
    {
    }

    public ThroughputException(string message)
        : base(message)
    {
    }

    public ThroughputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
