package io.gureum.core.server;

import io.gureum.core.dispatch.Dispatcher;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.stream.ChunkedWriteHandler;

/** The whole Netty pipeline, in one place: HTTP/1.1 codec, keep-alive, body aggregation, dispatch. */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    static final int MAX_INITIAL_LINE = 16 * 1024;
    static final int MAX_HEADER_SIZE = 64 * 1024;

    private final Dispatcher dispatcher;
    private final int maxBodyBytes;

    ServerInitializer(Dispatcher dispatcher, int maxBodyBytes) {
        this.dispatcher = dispatcher;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 64 * 1024));
        p.addLast("keepAlive", new HttpServerKeepAliveHandler());
        p.addLast("aggregator", new BodyLimitAggregator(maxBodyBytes));
        p.addLast("chunkedWriter", new ChunkedWriteHandler());
        p.addLast("dispatch", new RequestHandler(dispatcher));
    }

    /** Aggregates bodies up to the limit and answers larger ones with an AWS-shaped 413. */
    static final class BodyLimitAggregator extends HttpObjectAggregator {
        BodyLimitAggregator(int maxContentLength) {
            super(maxContentLength, true);
        }

        @Override
        protected void handleOversizedMessage(io.netty.channel.ChannelHandlerContext ctx,
                io.netty.handler.codec.http.HttpMessage oversized) {
            RequestHandler.writeTooLarge(ctx, maxContentLength());
        }
    }
}
