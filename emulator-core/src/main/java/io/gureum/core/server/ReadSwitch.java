package io.gureum.core.server;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who has stopped reading a connection: a request body waiting for its handler, or responses waiting
 * for the client. The socket is read only while nobody holds it, so that one party resuming does not
 * undo the other's back-pressure. Event loop only.
 */
final class ReadSwitch {
    enum Reason { BODY_BACKLOG, RESPONSE_BACKLOG }

    private static final AttributeKey<ReadSwitch> KEY = AttributeKey.valueOf(ReadSwitch.class, "readSwitch");

    private final Channel channel;
    private final Set<Reason> holds = EnumSet.noneOf(Reason.class);

    private ReadSwitch(Channel channel) {
        this.channel = channel;
    }

    static ReadSwitch of(Channel channel) {
        ReadSwitch s = channel.attr(KEY).get();
        if (s == null) {
            s = new ReadSwitch(channel);
            ReadSwitch raced = channel.attr(KEY).setIfAbsent(s);
            s = raced == null ? s : raced;
        }
        return s;
    }

    void pause(Reason reason) {
        if (holds.add(reason) && holds.size() == 1) {
            channel.config().setAutoRead(false);
        }
    }

    void resume(Reason reason) {
        if (holds.remove(reason) && holds.isEmpty()) {
            channel.config().setAutoRead(true);
            channel.read();
        }
    }

    /** Whether the server itself has stopped reading (so silence from the client is not its fault). */
    boolean paused() {
        return !holds.isEmpty();
    }
}
