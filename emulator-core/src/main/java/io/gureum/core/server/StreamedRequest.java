package io.gureum.core.server;

import io.netty.handler.codec.http.HttpRequest;

/** The head of a request whose body is streamed through {@code pipe} instead of being aggregated. */
record StreamedRequest(HttpRequest head, BodyPipe pipe) {
}
