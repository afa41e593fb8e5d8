package io.gureum.lambda.runtime;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** One execution environment's Runtime API server: bound to 127.0.0.1 on a free port, nowhere else. */
final class RuntimeApiServer implements AutoCloseable {
    /**
     * Largest response a function may return to a synchronous Invoke. AWS documents 6 MB and reports
     * 6291556 bytes in {@code Function.ResponseSizeTooLarge}
     * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
     */
    static final int MAX_RESPONSE_BYTES = 6_291_556;

    private final Channel channel;

    private RuntimeApiServer(Channel channel) {
        this.channel = channel;
    }

    static RuntimeApiServer bind(EventLoopGroup group, RuntimeApi api) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(),
                                new StreamedResponses(api),
                                new LimitedAggregator(api),
                                new RuntimeApiHandler(api));
                    }
                });
        Channel ch = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        return new RuntimeApiServer(ch);
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String hostPort() {
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() {
        channel.close();
    }

    /** Tells the environment when a runtime posts a response too large to return; Netty answers 413. */
    private static final class LimitedAggregator extends HttpObjectAggregator {
        private final RuntimeApi api;

        LimitedAggregator(RuntimeApi api) {
            super(MAX_RESPONSE_BYTES);
            this.api = api;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            if (oversized instanceof HttpRequest request) {
                String requestId = RuntimeApiHandler.requestIdOf(request.uri());
                if (requestId != null) {
                    api.responseTooLarge(requestId);
                }
            }
            super.handleOversizedMessage(ctx, oversized);
        }
    }
}
