/**
 * State that survives a restart ({@code --data-dir}): services {@link io.gureum.core.persist.StateStore#put put}
 * and {@link io.gureum.core.persist.StateStore#delete delete} records as they change their in-memory state; a
 * journal makes them durable with group commit before the request's answer leaves; at start the latest
 * snapshot and the journals after it are replayed and each service restores itself from its records
 * (docs/adr/0013-state-that-survives.md).
 */
package io.gureum.core.persist;
