package io.gureum.core.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;

/**
 * Sends large request bodies (over {@link #THRESHOLD} bytes, or of unknown length) past the aggregator
 * as a {@link StreamedRequest}, so that a multi-GB S3 upload is dispatched as soon as its headers arrive
 * and its bytes flow to the handler with back-pressure. Smaller bodies are aggregated as before.
 */
final class StreamingUploads extends ChannelDuplexHandler {
    static final long THRESHOLD = 1024 * 1024;

    private final long maxBodyBytes;
    private BodyPipe current;

    StreamingUploads(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (current != null && msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                // Broken chunk framing: the reader fails, and the connection closes after the answer.
                current.fail(new IOException("Malformed request body: " + content.decoderResult().cause().getMessage()));
                current = null;
                content.release();
                return;
            }
            current.offer(content.content().retain());
            boolean last = msg instanceof LastHttpContent;
            content.release();
            if (last) {
                current.end();
                current = null;
            }
            return;
        }
        if (msg instanceof HttpRequest head && !(msg instanceof FullHttpRequest) && shouldStream(head, maxBodyBytes)) {
            current = new BodyPipe(ctx.channel(), HttpUtil.getContentLength(head, -1L));
            if (HttpUtil.is100ContinueExpected(head)) {
                // botocore asks before every S3 upload; the aggregator would have answered this.
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                        Unpooled.EMPTY_BUFFER));
                head.headers().remove(HttpHeaderNames.EXPECT);
            }
            ctx.fireChannelRead(new StreamedRequest(head, current));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean shouldStream(HttpRequest head, long maxBodyBytes) {
        if (head.decoderResult().isFailure() || RequestHandler.unsupportedExpectation(head)) {
            return false;
        }
        long length = HttpUtil.getContentLength(head, -1L);
        if (length > maxBodyBytes && wholeBodyProtocol(head)) {
            return false; // the aggregator answers 413 at once (and to Expect: 100-continue, instead of 100)
        }
        return length > THRESHOLD || (length < 0 && HttpUtil.isTransferEncodingChunked(head));
    }

    /**
     * A JSON, CBOR or query-protocol request, whose codec needs the whole body in memory: over the
     * limit it can only be refused, so it is refused before its bytes are read. REST bodies (S3
     * uploads, Lambda code) may stream past the limit.
     */
    private static boolean wholeBodyProtocol(HttpRequest head) {
        if (head.headers().contains("X-Amz-Target") || head.headers().contains("Smithy-Protocol")) {
            return true;
        }
        String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (current != null) {
            current.fail(new IOException("The connection closed before the request body was complete"));
            current = null;
        }
        super.channelInactive(ctx);
    }
}
