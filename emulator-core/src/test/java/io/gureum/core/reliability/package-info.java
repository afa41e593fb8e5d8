/**
 * The front door under hostile and careless clients: slow and stalled connections, pipelining
 * clients that do not read, malformed requests by the hundred thousand, foreign Host names and
 * cross-site pages, a busy port.
 */
package io.gureum.core.reliability;
