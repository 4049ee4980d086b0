namespace TwitchSentiment.Functions.Runtime;

/// <summary>
/// A function error with a chosen <see cref="ErrorType"/>: the runtime answers the invocation with
/// <c>{"errorType": …, "errorMessage": …}</c>, which is what <c>aws lambda invoke</c> shows. Also the error a failed
/// start reports to <c>/init/error</c>.
/// </summary>
public sealed class LambdaFunctionException : Exception
{
    /// <summary>A function error of type <paramref name="errorType"/> (such as <c>InvalidInput</c>).</summary>
    public LambdaFunctionException(string errorType, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        ErrorType = errorType;
    }

    /// <summary>A function error of type <paramref name="errorType"/> caused by <paramref name="innerException"/>.</summary>
    public LambdaFunctionException(string errorType, string message, Exception innerException)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        ErrorType = errorType;
    }

    /// <summary>A function error of type <c>Function.Error</c>.</summary>
    public LambdaFunctionException()
        : this(UnknownErrorType, "The function failed.")
    {
    }

    /// <summary>A function error of type <c>Function.Error</c>.</summary>
    public LambdaFunctionException(string message)
        : this(UnknownErrorType, message)
    {
    }

    /// <summary>A function error of type <c>Function.Error</c> caused by <paramref name="innerException"/>.</summary>
    public LambdaFunctionException(string message, Exception innerException)
        : this(UnknownErrorType, message, innerException)
    {
    }

    /// <summary>The type given when none is: <c>Function.Error</c>.</summary>
    public const string UnknownErrorType = "Function.Error";

    /// <summary>The error's type as the caller sees it (<c>errorType</c>).</summary>
    public string ErrorType { get; }
}
