package io.gureum.ssm;

import java.time.Instant;

/**
 * One parameter policy as PutParameter took it: its type, its own JSON text (what {@code PolicyText}
 * reports) and, for an Expiration policy, when the parameter is deleted.
 */
record ParameterPolicy(String type, String text, Instant expiresAt) {
}
