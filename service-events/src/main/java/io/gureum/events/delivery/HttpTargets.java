package io.gureum.events.delivery;

import java.util.concurrent.CompletableFuture;

/** Sends an event to an API destination target ({@code arn:aws:events:…:api-destination/<name>/<id>}). */
public interface HttpTargets {
    /** Completes when the endpoint answered 2xx; fails with what went wrong. */
    CompletableFuture<Void> invoke(DeliveryJob job, String input);
}
