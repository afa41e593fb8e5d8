/**
 * Routing a request to its API and operation, the operation tables composed from providers, and
 * in-process clients.
 *
 * <p><b>Core internal:</b> services never use this package (docs/INVARIANTS.md, ArchitectureTest); they
 * reach it through {@code io.gureum.core.spi}.
 */
package io.gureum.core.dispatch;
