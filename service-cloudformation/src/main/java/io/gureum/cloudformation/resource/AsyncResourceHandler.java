package io.gureum.cloudformation.resource;

import java.util.concurrent.CompletableFuture;

/**
 * A handler whose work finishes later than its call returns: the engine's own types that wait for
 * something else (a nested stack's operation, a wait condition's signals). The engine starts the work and
 * goes on when the future completes; no thread waits. Handlers that call services use the synchronous
 * {@link ResourceHandler} methods, which these defaults wrap.
 */
public interface AsyncResourceHandler extends ResourceHandler {

    default CompletableFuture<Created> createAsync(ResourceRequest request) {
        return CompletableFuture.completedFuture(create(request));
    }

    default CompletableFuture<Created> updateAsync(ResourceRequest request) {
        return CompletableFuture.completedFuture(update(request));
    }

    /**
     * Puts the resource back to {@code request}'s properties during an update rollback ({@code previous} holds
     * what the update set, or attempted when it failed). An update by default.
     */
    default CompletableFuture<Created> revertAsync(ResourceRequest request) {
        return updateAsync(request);
    }

    default CompletableFuture<Void> deleteAsync(ResourceRequest request) {
        delete(request);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Waits for {@code f} on the calling thread (a synchronous method over an asynchronous one), rethrowing
     * what it failed with as itself rather than wrapped, so a {@link ResourceFailure} keeps its reason.
     */
    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}
