package io.gureum.cloudformation.resource.ec2;

import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.concurrent.CompletableFuture;

/**
 * An EC2 handler whose create and delete wait for EC2's states through
 * {@link io.gureum.cloudformation.resource.common.Polling}: it implements {@link #createAsync} and
 * {@link #deleteAsync}, and the synchronous {@link #create} and {@link #delete} wait for them.
 */
interface WaitingHandler extends AsyncResourceHandler {
    @Override
    CompletableFuture<Created> createAsync(ResourceRequest r);

    @Override
    CompletableFuture<Void> deleteAsync(ResourceRequest r);

    @Override
    default Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    default void delete(ResourceRequest r) {
        AsyncResourceHandler.join(deleteAsync(r));
    }
}
