package io.gureum.core.spi;

/** One call of an operation, as an {@link OperationInterceptor} sees it. */
public interface OperationCall {

    /** The operation's AWS name, e.g. {@code CreateSubnet}. */
    String operation();

    /** The SDK request object. */
    Object request();

    /** Runs the next interceptor, or the provider's method; returns its response. */
    Object proceed() throws Exception;
}
