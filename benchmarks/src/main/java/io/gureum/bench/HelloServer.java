package io.gureum.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The reference for the throughput benchmark: a bare Netty HTTP/1.1 server with the same transport and
 * event-loop setup as Gureum's (NIO, 1 boss + default workers, TCP_NODELAY), HttpServerCodec +
 * HttpObjectAggregator and a handler that answers every request with a fixed 200 body on the event loop.
 * A request with {@code X-Amz-Target: DynamoDB_20120810.ListTables} gets a canned empty ListTables answer
 * instead, so an SDK client can call it ({@link Peers}' floor for a trivial SDK call).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.HelloServer [port]</pre>
 */
public final class HelloServer {
    private static final ByteBuf BODY = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes("Hello, World!".getBytes(StandardCharsets.US_ASCII))).asReadOnly();
    private static final ByteBuf LIST_TABLES = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes("{\"TableNames\":[]}".getBytes(StandardCharsets.US_ASCII))).asReadOnly();

    private HelloServer() {
    }

    public static void main(String[] args) throws Exception {
        Running server = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        System.out.println("Listening on port " + server.port());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.channel().closeFuture().sync();
    }

    /** A started server: its listening channel and port; closing it stops its event loops. */
    record Running(Channel channel, int port, EventLoopGroup boss, EventLoopGroup workers) implements AutoCloseable {
        @Override
        public void close() {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }
    }

    /** Starts the server on 127.0.0.1:{@code port} (0: any free port). */
    static Running start(int port) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Hello hello = new Hello();
        Channel ch = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024 * 1024), hello);
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return new Running(ch, ((java.net.InetSocketAddress) ch.localAddress()).getPort(), boss, workers);
    }

    @ChannelHandler.Sharable
    static final class Hello extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            boolean listTables = "DynamoDB_20120810.ListTables".equals(req.headers().get("X-Amz-Target"));
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    listTables ? LIST_TABLES.duplicate() : BODY.duplicate());
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, listTables ? "application/x-amz-json-1.0" : "text/plain");
            HttpUtil.setContentLength(res, res.content().readableBytes());
            HttpUtil.setKeepAlive(res, keepAlive);
            if (keepAlive) {
                ctx.writeAndFlush(res);
            } else {
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
