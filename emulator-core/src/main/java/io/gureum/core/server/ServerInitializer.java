package io.gureum.core.server;

import io.gureum.core.GureumConfig;
import io.gureum.core.dispatch.Dispatcher;
import io.gureum.core.error.CommonErrors;
import io.gureum.core.http.AwsHttpRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * The whole Netty pipeline, in one place: timeouts, HTTP/1.1 codec, keep-alive, large bodies streamed,
 * small bodies aggregated, dispatch.
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    static final int MAX_INITIAL_LINE = 16 * 1024;
    static final int MAX_HEADER_SIZE = 64 * 1024;
    /**
     * Requests a client may pipeline ahead of its answers before the connection is dropped. Netty's
     * default (128) closed connections that AWS serves; memory is bounded instead by reading no
     * further while requests wait ({@link RequestHandler#MAX_IN_FLIGHT}).
     */
    static final int MAX_PIPELINE_DEPTH = 4096;

    private final Dispatcher dispatcher;
    private final GureumConfig config;
    private final StreamGate gate;
    private final FrontDoorChecks checks;

    ServerInitializer(Dispatcher dispatcher, GureumConfig config) {
        this.dispatcher = dispatcher;
        this.config = config;
        // Half the handler threads at most wait on bodies arriving at the client's pace; the rest keep
        // answering everything else.
        this.gate = new StreamGate(config.handlerThreads() / 2);
        this.checks = new FrontDoorChecks(new LocalNames(config.hostname()));
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        ConnectionTimeouts timeouts = new ConnectionTimeouts(config.headerTimeout(), config.stallTimeout(),
                config.idleTimeout());
        p.addLast("bytesIn", timeouts.bytes());
        p.addLast("http", new HttpServerCodec(new HttpDecoderConfig().setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_SIZE).setMaxChunkSize(64 * 1024), MAX_PIPELINE_DEPTH));
        p.addLast("timeouts", timeouts.messages());
        p.addLast("keepAlive", new HttpServerKeepAliveHandler());
        p.addLast("streamingUploads", new StreamingUploads(config.maxRequestBodyBytes()));
        p.addLast("aggregator", new BodyLimitAggregator(config.maxRequestBodyBytes()));
        p.addLast("chunkedWriter", new ChunkedWriteHandler());
        p.addLast("dispatch", new RequestHandler(dispatcher, config.maxRequestBodyBytes(), gate, checks));
    }

    /** Aggregates bodies up to the limit and answers larger ones with an AWS-shaped 413. */
    static final class BodyLimitAggregator extends HttpObjectAggregator {
        BodyLimitAggregator(int maxContentLength) {
            super(maxContentLength, true);
        }

        /**
         * A 100-continue for a body over the limit gets AWS's 413 (from {@link #handleOversizedMessage})
         * rather than Netty's bare one; an expectation other than 100-continue is answered by the request
         * handler with an AWS-shaped 417.
         */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            if (RequestHandler.unsupportedExpectation(start)
                    || HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
                return null;
            }
            return super.newContinueResponse(start, maxContentLength, pipeline);
        }

        /** Answers with an AWS-shaped 413 and closes: the rest of the body is not worth reading. */
        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            AwsHttpRequest partial = RequestHandler.withoutBody(oversized);
            ctx.fireChannelRead(new Rejection(partial, CommonErrors.requestTooLarge(maxContentLength()), false));
        }
    }
}
