package io.gureum.core.spi;

/**
 * Wraps the calls of one module's operations (see {@link ServiceInstance#interceptors()}): it runs code
 * around {@link OperationCall#proceed()}, or answers without proceeding.
 */
@FunctionalInterface
public interface OperationInterceptor {

    /** Returns what the operation returns; exceptions propagate to the caller unchanged. */
    Object intercept(OperationCall call) throws Exception;
}
