package io.gureum.core.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that hold server resources without making progress, as AWS's front ends do
 * ("Idle connections will be closed", S3's RequestTimeout): a request line and headers not complete
 * within the header timeout (slow-loris), a request body or a response with no byte moving for the
 * stall timeout, and a keep-alive connection with no request for the idle timeout. A connection waiting
 * for the server (a long poll, a Lambda invocation) is never closed for it.
 *
 * <p>One instance per connection with two faces: {@link #bytes()} sits before the HTTP codec and sees
 * every byte read; {@link #messages()} sits after it and sees where requests and responses begin and
 * end. Event loop only.
 */
final class ConnectionTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTimeouts.class);

    private final long headerNanos;
    private final long stallNanos;
    private final long idleNanos;

    /** When the first byte of the current request's head arrived; 0 between requests. */
    private long headStarted;
    private boolean inBody;
    private int responsesOwed;
    private boolean responseInProgress;
    private long lastRead = System.nanoTime();
    private long lastWrite = lastRead;
    /** The last time the client was taking our bytes (the channel was writable). */
    private long lastWritable = lastRead;
    private ScheduledFuture<?> ticker;

    ConnectionTimeouts(Duration header, Duration stall, Duration idle) {
        this.headerNanos = header.toNanos();
        this.stallNanos = stall.toNanos();
        this.idleNanos = idle.toNanos();
    }

    ChannelInboundHandlerAdapter bytes() {
        return new Bytes();
    }

    ChannelDuplexHandler messages() {
        return new Messages();
    }

    private void start(ChannelHandlerContext ctx) {
        if (ticker == null) {
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                    Math.min(TimeUnit.SECONDS.toNanos(1), Math.min(headerNanos, Math.min(stallNanos, idleNanos)) / 4));
            ticker = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
        }
    }

    private void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            stop();
            return;
        }
        long now = System.nanoTime();
        if (ReadSwitch.of(ctx.channel()).paused()) {
            // The server stopped reading: the client's silence is not a stall, and the rest of a head
            // may be waiting unread in the socket.
            lastRead = now;
            if (headStarted != 0) {
                headStarted = now;
            }
        }
        if (ctx.channel().isWritable()) {
            lastWritable = now;
        }
        String reason = null;
        if (headStarted != 0 && now - headStarted > headerNanos) {
            reason = "request head not complete";
        } else if (inBody && now - lastRead > stallNanos) {
            reason = "request body stalled";
        } else if (now - lastWritable > stallNanos) {
            reason = "client stopped reading its responses";
        } else if (headStarted == 0 && !inBody && responsesOwed == 0
                && now - Math.max(lastRead, lastWrite) > idleNanos) {
            reason = "idle";
        }
        if (reason != null) {
            LOG.debug("Closing {}: {}", ctx.channel(), reason);
            stop();
            ctx.close();
        }
    }

    /** Before the codec: any byte read outside a request body starts (or continues) a request head. */
    private final class Bytes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            start(ctx);
            super.channelActive(ctx);
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                start(ctx);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            stop();
            super.channelInactive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf && buf.isReadable()) {
                lastRead = System.nanoTime();
                if (!inBody && headStarted == 0) {
                    headStarted = lastRead;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** After the codec: a request head ends the head timer, its last content ends the body. */
    private final class Messages extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                headStarted = 0;
                inBody = true;
            }
            if (msg instanceof LastHttpContent) {
                inBody = false;
                responsesOwed++;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpResponse response && response.status().code() >= 200) {
                responseInProgress = true;
            }
            if (msg instanceof LastHttpContent && responseInProgress) {
                responseInProgress = false;
                responsesOwed = Math.max(0, responsesOwed - 1);
            }
            lastWrite = System.nanoTime();
            ctx.write(msg, promise);
        }
    }
}
