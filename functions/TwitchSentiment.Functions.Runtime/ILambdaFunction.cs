namespace TwitchSentiment.Functions.Runtime;

/// <summary>
/// A function's handler: the invocation's payload in, the response's bytes out (<c>Stream → Stream</c>), so it needs
/// no serializer of the runtime's and fits the managed runtime as well as this one. Throw
/// <see cref="LambdaFunctionException"/> to answer with a function error of a chosen type; any other exception is
/// reported as a function error named after its type.
/// </summary>
public interface ILambdaFunction
{
    /// <summary>Handles one invocation.</summary>
    /// <param name="payload">The invocation's payload (JSON), readable once; the runtime disposes it.</param>
    /// <param name="context">The invocation's id, deadline, ARN and trace id.</param>
    /// <param name="cancellationToken">
    /// Cancelled <see cref="LambdaRuntimeOptions.CancellationMargin"/> before the deadline, and when the runtime stops.
    /// </param>
    /// <returns>The response's bytes (JSON), read from its position to its end; the runtime disposes it.</returns>
    Task<Stream> HandleAsync(Stream payload, LambdaContext context, CancellationToken cancellationToken);
}
