/** The Netty front door: bootstrap, pipeline and the handler that bridges to the dispatcher. */
package io.gureum.core.server;
