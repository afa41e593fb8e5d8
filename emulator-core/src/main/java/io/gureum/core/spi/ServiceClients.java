package io.gureum.core.spi;

/**
 * In-process SDK clients of the APIs this server serves: how one service calls another (SNS delivers to
 * SQS with {@code SqsClient.sendMessage}, Lambda reads its code with {@code S3Client.getObject}).
 *
 * <p>A client runs the called API's operation table on the caller's thread, without HTTP: the called
 * operation's effects are visible before the calling operation returns. Each call runs with a request
 * context of its own made from the {@link Caller} (never the calling request's). Errors are the SDK's
 * modeled exceptions ({@code QueueDoesNotExistException}), or an {@code AwsServiceException} carrying
 * the error code where the model has no class for it (all of EC2). An operation no provider binds
 * throws the same 501 {@code NotImplemented} an HTTP client would see. The API must be enabled: a
 * client of a disabled API ({@code --services}) throws {@link IllegalStateException}.
 */
public interface ServiceClients {

    /** A client of {@code clientInterface} (e.g. {@code SqsClient.class}) acting as {@code caller}. */
    <T> T client(Class<T> clientInterface, Caller caller);

    /** Whether this server serves the API of {@code clientInterface}. */
    boolean serves(Class<?> clientInterface);
}
