package io.gureum.lambda.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes the Lambda Runtime API (version 2018-06-01, https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html)
 * to one environment's {@link RuntimeApi}. Never blocks: {@code next} parks the request until an
 * invocation is delivered, from whatever thread delivers it.
 */
final class RuntimeApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern INVOCATION = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuntimeApi api;

    RuntimeApiHandler(RuntimeApi api) {
        this.api = api;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpMethod method = request.method();
        if (path.equals(PREFIX + "/invocation/next")) {
            if (!method.equals(HttpMethod.GET)) {
                answer(ctx, keepAlive, new RuntimeApi.Answer(405, "MethodNotAllowed", "Use GET"));
                return;
            }
            api.next(event -> ctx.executor().execute(() -> deliver(ctx, keepAlive, event)));
            return;
        }
        if (!method.equals(HttpMethod.POST)) {
            answer(ctx, keepAlive, notFound(path));
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        if (path.equals(PREFIX + "/init/error")) {
            answer(ctx, keepAlive, api.initError(errorType(request), body));
            return;
        }
        Matcher m = INVOCATION.matcher(path);
        if (!m.matches()) {
            answer(ctx, keepAlive, notFound(path));
            return;
        }
        String requestId = m.group(1);
        answer(ctx, keepAlive, m.group(2).equals("response")
                ? api.response(requestId, body)
                : api.error(requestId, errorType(request), body));
    }

    static String requestIdOf(String uri) {
        Matcher m = INVOCATION.matcher(new QueryStringDecoder(uri).path());
        return m.matches() ? m.group(1) : null;
    }

    private static String errorType(FullHttpRequest request) {
        return request.headers().get("Lambda-Runtime-Function-Error-Type");
    }

    private static RuntimeApi.Answer notFound(String path) {
        return new RuntimeApi.Answer(404, "NotFound", "No Runtime API resource at " + path);
    }

    private static void deliver(ChannelHandlerContext ctx, boolean keepAlive, RuntimeApi.NextInvocation event) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(event.payload()));
        var headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        headers.set("Lambda-Runtime-Aws-Request-Id", event.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(event.deadlineMs()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", event.invokedFunctionArn());
        headers.set("Lambda-Runtime-Trace-Id", event.traceId());
        if (event.clientContext() != null) {
            headers.set("Lambda-Runtime-Client-Context", event.clientContext());
        }
        write(ctx, keepAlive, response);
    }

    static void answer(ChannelHandlerContext ctx, boolean keepAlive, RuntimeApi.Answer answer) {
        ObjectNode doc = JSON.createObjectNode();
        if (answer.errorType() == null) {
            doc.put("status", "OK");
        } else {
            doc.put("errorMessage", answer.errorMessage());
            doc.put("errorType", answer.errorType());
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                Unpooled.copiedBuffer(doc.toString(), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        write(ctx, keepAlive, response);
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
