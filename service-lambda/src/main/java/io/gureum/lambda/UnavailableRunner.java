package io.gureum.lambda;

import io.gureum.lambda.runtime.FunctionRunner;
import io.gureum.lambda.runtime.FunctionSpec;
import io.gureum.lambda.runtime.InvocationResult;
import java.util.concurrent.CompletableFuture;

/** A runner for builds without local runtimes: every invocation says its runtime cannot start here. */
final class UnavailableRunner implements FunctionRunner {
    @Override
    public CompletableFuture<InvocationResult> invoke(FunctionSpec spec, byte[] payload, String requestId,
            String clientContext) {
        return CompletableFuture.failedFuture(new IllegalStateException("no local runtime runner is available"));
    }

    @Override
    public void evict(String functionArn) {
    }

    @Override
    public void close() {
    }
}
