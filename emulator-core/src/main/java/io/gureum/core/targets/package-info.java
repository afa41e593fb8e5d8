/**
 * Lookup by ARN with a capability ({@link io.gureum.core.targets.Targets}): the interfaces through
 * which one service delivers to another's resources — queues, functions — without touching its store.
 */
package io.gureum.core.targets;
