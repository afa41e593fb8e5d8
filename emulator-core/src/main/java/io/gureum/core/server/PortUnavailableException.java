package io.gureum.core.server;

import java.net.BindException;

/** The server could not listen where it was told to: the port is in use, or the address is not ours. */
public final class PortUnavailableException extends IllegalStateException {
    public PortUnavailableException(String host, int port, Throwable cause) {
        super(message(host, port, cause), cause);
    }

    private static String message(String host, int port, Throwable cause) {
        if (cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")) {
            return "port " + port + " on " + host + " is already in use";
        }
        return "cannot listen on " + host + ":" + port + ": " + (cause == null ? "unknown error" : cause.getMessage());
    }
}
