package io.gureum.lambda;

import java.time.Instant;
import software.amazon.awssdk.services.lambda.model.CapacityProvider;

/**
 * A capacity provider as stored: its configuration (without {@code State}, which the clock decides) and when it
 * was created.
 */
record CapacityProviderEntry(CapacityProvider config, Instant created) {
}
