package io.gureum.cloudformation.resource.ec2;

import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link WaitingHandler} whose in-place update waits for EC2 too: it implements {@link #updateAsync}, and the
 * synchronous {@link #update} waits for it.
 */
interface WaitingUpdateHandler extends WaitingHandler {
    @Override
    CompletableFuture<Created> updateAsync(ResourceRequest r);

    @Override
    default Created update(ResourceRequest r) {
        return AsyncResourceHandler.join(updateAsync(r));
    }
}
