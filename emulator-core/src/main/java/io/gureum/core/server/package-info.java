/**
 * The Netty front door: bootstrap, pipeline and the handler that bridges to the dispatcher.
 *
 * <p><b>Core internal:</b> services never use this package (docs/INVARIANTS.md, ArchitectureTest).
 */
package io.gureum.core.server;
