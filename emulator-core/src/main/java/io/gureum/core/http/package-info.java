/** The HTTP request and response as the protocol layer and services see them, free of Netty. */
package io.gureum.core.http;
