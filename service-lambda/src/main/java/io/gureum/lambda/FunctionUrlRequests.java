package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.model.Cors;

/**
 * Serves function URLs (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html): a request to
 * {@code <url-id>.lambda-url.<region>.localhost} (or to {@code /_gureum/lambda/url/<url-id>/…}) becomes
 * the payload format 2.0 event, the function runs synchronously, and its answer becomes the HTTP
 * response; with {@code InvokeMode RESPONSE_STREAM} a function that streams is sent on as it writes
 * ({@link UrlStream}). {@code AuthType NONE} needs a policy statement allowing {@code lambda:InvokeFunctionUrl} to
 * every principal; {@code AWS_IAM} needs a SigV4-signed request (its signature is checked by core when
 * signatures are verified). CORS headers and preflights follow the URL's {@code Cors}.
 */
final class FunctionUrlRequests {
    static final Pattern HOST = Pattern.compile("([a-z0-9]{32})\\.lambda-url\\.([a-z0-9-]+)\\.localhost(:\\d+)?",
            Pattern.CASE_INSENSITIVE);
    static final String PATH_PREFIX = "/_gureum/lambda/url/";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final ServiceContext context;
    private final FunctionUrls urls;
    private final FunctionLookup lookup;
    private final Invoker invoker;
    private final Executor executor;

    FunctionUrlRequests(ServiceContext context, FunctionUrls urls, FunctionLookup lookup, Invoker invoker,
            Executor executor) {
        this.context = context;
        this.executor = executor;
        this.urls = urls;
        this.lookup = lookup;
        this.invoker = invoker;
    }

    /** The URL id of a request by Host, or null. */
    static String urlIdOfHost(AwsHttpRequest request) {
        String host = request.header("Host");
        if (host == null || !containsIgnoreCase(host, ".lambda-url.")) { // every request asks: no matcher for the rest
            return null;
        }
        Matcher m = HOST.matcher(host);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static boolean containsIgnoreCase(String s, String part) {
        for (int i = 0; i + part.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }

    /** Answers a request for a URL id with the path the function sees, once the function has answered or begun
     * streaming; no thread waits for it. */
    CompletableFuture<AwsHttpResponse> serve(AwsHttpRequest request, String urlId, String path) {
        FunctionUrl u = urls.byId(urlId);
        if (u == null) {
            return done(message(404, "Not Found")); // no such URL: AWS's front end answers before Lambda
        }
        String origin = request.header("Origin");
        if (request.method().equals("OPTIONS") && origin != null
                && request.header("Access-Control-Request-Method") != null && u.cors() != null) {
            return done(preflight(u.cors(), origin, request));
        }
        boolean signed = request.header("Authorization") != null || request.queryParameter("X-Amz-Signature") != null;
        if (u.authType().equals("AWS_IAM") ? !signed : !allowsPublic(u)) {
            return done(cors(u.cors(), origin, message(403, "Forbidden")));
        }
        FunctionLookup.Resolved res;
        try {
            res = lookup.resolve(FunctionLookup.functionArn(u.account(), u.region(), u.functionName()), u.qualifier());
        } catch (RuntimeException gone) {
            return done(message(404, "Not Found"));
        }
        byte[] event = event(request, u, path, signed);
        FunctionVersion v = Invoker.pick(res);
        try {
            Invoker.acquire(res.function());
        } catch (RuntimeException throttled) {
            invoker.metrics().throttled(res.function(), res.qualifiedArn());
            return done(cors(u.cors(), origin, message(429, "Too Many Requests")));
        }
        UrlStream stream = "RESPONSE_STREAM".equals(u.invokeMode()) ? new UrlStream(executor) : null;
        CompletableFuture<AwsHttpResponse> answer = stream != null ? stream.answer() : new CompletableFuture<>();
        invoker.run(res.function(), v, res.qualifiedArn(), event, RequestContext.current().requestId(), null,
                "RequestResponse", stream).whenComplete((result, failure) -> {
                    if (failure != null) {
                        answer.complete(message(502, "Internal Server Error"));
                    } else if (stream != null && result.streamed()) {
                        stream.ended(result);
                    } else {
                        answer.complete(result.functionError() != null ? message(502, "Internal Server Error")
                                : response(result.payload()));
                    }
                });
        return answer.thenApply(r -> cors(u.cors(), origin, r));
    }

    private static CompletableFuture<AwsHttpResponse> done(AwsHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    /**
     * The payload format 2.0 event (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads):
     * headers lower-cased and comma-joined, cookies apart, query parameters comma-joined, a body that is not
     * text base64-encoded.
     */
    private byte[] event(AwsHttpRequest request, FunctionUrl u, String path, boolean signed) {
        ObjectNode e = LambdaJson.MAPPER.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", "$default");
        e.put("rawPath", path);
        e.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        ObjectNode headers = LambdaJson.MAPPER.createObjectNode();
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                var cookies = e.putArray("cookies");
                for (String line : h.getValue()) {
                    for (String c : line.split(";\\s*")) {
                        cookies.add(c);
                    }
                }
            } else {
                headers.put(name, String.join(",", h.getValue()));
            }
        }
        String domain = u.urlId() + ".lambda-url." + u.region() + ".on.aws";
        headers.put("host", domain);
        if (!request.queryParameters().isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            request.queryParameters().forEach((k, values) -> q.put(k, String.join(",", values)));
        }
        e.set("headers", headers);
        ObjectNode rc = e.putObject("requestContext");
        RequestContext ctx = RequestContext.current();
        rc.put("accountId", signed ? ctx.accountId() : "anonymous");
        rc.put("apiId", u.urlId());
        if (signed) {
            ObjectNode iam = rc.putObject("authorizer").putObject("iam");
            iam.put("accessKey", ctx.accessKeyId());
            iam.put("accountId", ctx.accountId());
            iam.put("callerId", ctx.accessKeyId());
            iam.put("userArn", "arn:aws:iam::" + ctx.accountId() + ":root");
            iam.put("userId", ctx.accountId());
        }
        rc.put("domainName", domain);
        rc.put("domainPrefix", u.urlId());
        ObjectNode http = rc.putObject("http");
        http.put("method", request.method());
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", request.header("User-Agent") == null ? "" : request.header("User-Agent"));
        rc.put("requestId", ctx.requestId());
        rc.put("routeKey", "$default");
        rc.put("stage", "$default");
        rc.put("time", TIME.format(context.clock().now()));
        rc.put("timeEpoch", context.clock().now().toEpochMilli());
        byte[] body = request.body();
        if (body != null && body.length > 0) {
            boolean text = isText(request.contentType());
            e.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            e.put("isBase64Encoded", !text);
        } else {
            e.put("isBase64Encoded", false);
        }
        try {
            return LambdaJson.MAPPER.writeValueAsBytes(e);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("javascript")
                || t.startsWith("application/x-www-form-urlencoded");
    }

    /**
     * The function's answer as HTTP: an object with {@code statusCode} maps its {@code headers},
     * {@code cookies} ({@code Set-Cookie} each), {@code body} and {@code isBase64Encoded}; any other valid
     * JSON is the body of a 200 {@code application/json} response (the documented shortcut).
     */
    static AwsHttpResponse response(byte[] payload) {
        JsonNode out = null;
        try {
            out = payload == null || payload.length == 0 ? null : LambdaJson.MAPPER.readTree(payload);
        } catch (IOException notJson) {
            // not JSON: returned as it is
        }
        if (out == null || !out.isObject() || !out.has("statusCode")) {
            return new AwsHttpResponse(200).body(payload == null ? new byte[0] : payload).header("Content-Type",
                    "application/json");
        }
        AwsHttpResponse r = new AwsHttpResponse(out.path("statusCode").asInt(200));
        out.path("headers").fields().forEachRemaining(h -> r.header(h.getKey(), h.getValue().asText()));
        for (JsonNode c : out.path("cookies")) {
            r.addHeader("Set-Cookie", c.asText());
        }
        JsonNode body = out.get("body");
        byte[] bytes = body == null || body.isNull() ? new byte[0]
                : out.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
                : (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
        r.body(bytes);
        if (r.header("Content-Type") == null) {
            r.header("Content-Type", "application/json");
        }
        return r;
    }

    /**
     * {@code AuthType NONE}: a statement allowing {@code lambda:InvokeFunctionUrl} to {@code *}, whose
     * {@code lambda:FunctionUrlAuthType} condition (if any) says NONE
     * (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html).
     */
    private boolean allowsPublic(FunctionUrl u) {
        LambdaFunction f = lookup.stores().get(u.account(), u.region()).functions.get(u.functionName());
        if (f == null) {
            return false;
        }
        synchronized (f) {
            Map<String, ObjectNode> policy = f.policies.get(u.qualifier() == null ? "" : u.qualifier());
            if (policy == null) {
                return false;
            }
            for (ObjectNode s : policy.values()) {
                JsonNode p = s.path("Principal");
                boolean everyone = p.asText().equals("*") || p.path("AWS").asText().equals("*");
                String action = s.path("Action").asText();
                boolean invokesUrl = action.equals("lambda:InvokeFunctionUrl") || action.equals("lambda:*")
                        || action.equals("*");
                JsonNode auth = s.path("Condition").path("StringEquals").path("lambda:FunctionUrlAuthType");
                if ("Allow".equals(s.path("Effect").asText()) && everyone && invokesUrl
                        && (auth.isMissingNode() || auth.asText().equals("NONE"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Preflight answered by Lambda itself, without invoking the function. */
    private static AwsHttpResponse preflight(Cors cors, String origin, AwsHttpRequest request) {
        AwsHttpResponse r = new AwsHttpResponse(200);
        if (originAllowed(cors, origin)) {
            r.header("Access-Control-Allow-Origin", origin);
            if (cors.hasAllowMethods()) {
                r.header("Access-Control-Allow-Methods", String.join(",", cors.allowMethods()));
            }
            if (cors.hasAllowHeaders()) {
                r.header("Access-Control-Allow-Headers", String.join(",", cors.allowHeaders()));
            }
            if (cors.maxAge() != null) {
                r.header("Access-Control-Max-Age", cors.maxAge().toString());
            }
            if (Boolean.TRUE.equals(cors.allowCredentials())) {
                r.header("Access-Control-Allow-Credentials", "true");
            }
        }
        return r.body(new byte[0]);
    }

    private static AwsHttpResponse cors(Cors cors, String origin, AwsHttpResponse r) {
        if (cors != null && origin != null && originAllowed(cors, origin)) {
            r.header("Access-Control-Allow-Origin", origin);
            if (cors.hasExposeHeaders()) {
                r.header("Access-Control-Expose-Headers", String.join(",", cors.exposeHeaders()));
            }
            if (Boolean.TRUE.equals(cors.allowCredentials())) {
                r.header("Access-Control-Allow-Credentials", "true");
            }
        }
        return r;
    }

    private static boolean originAllowed(Cors cors, String origin) {
        return cors.hasAllowOrigins() && (cors.allowOrigins().contains("*") || cors.allowOrigins().contains(origin));
    }

    static AwsHttpResponse message(int status, String message) {
        return new AwsHttpResponse(status).body("{\"Message\":\"" + message + "\"}", "application/json");
    }
}
