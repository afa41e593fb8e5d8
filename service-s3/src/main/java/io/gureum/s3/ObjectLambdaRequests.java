package io.gureum.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.auth.Accounts;
import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.time.DueTimer;
import io.gureum.s3.control.ControlState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.s3.model.WriteGetObjectResponseRequest;
import software.amazon.awssdk.services.s3.model.WriteGetObjectResponseResponse;
import software.amazon.awssdk.services.s3control.model.AwsLambdaTransformation;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaConfiguration;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaTransformationConfiguration;

/**
 * Requests made through an S3 Object Lambda access point
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/transforming-objects.html), by its ARN (the SDKs send them
 * to {@code <name>-<account>.<endpoint host>}, signed for {@code s3-object-lambda}) or its alias as the bucket.
 * An action one of its transformation configurations names is answered by the configured Lambda function, invoked
 * through the in-process {@link LambdaClient} with the documented event
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/olap-event-context.html): GetObject waits, on no thread,
 * for the function's {@code WriteGetObjectResponse} (this class's provider method) to complete it, at most
 * {@link #TIMEOUT} on the core clock; HeadObject and ListObjects(V2) are answered from the function's return value.
 * Every other request (and an action no configuration names) goes to the supporting access point unchanged
 * ({@link ControlState#pointFor}). Errors are those of "List of Amazon S3 Object Lambda error codes"
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 */
final class ObjectLambdaRequests {
    /** "The Lambda function failed to complete its call to WriteGetObjectResponse within 60 seconds." */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** Query parameters of a bucket listing; a GET on the bucket with any other is no listing (passed through). */
    private static final Set<String> LIST_PARAMETERS = Set.of("prefix", "delimiter", "marker", "max-keys",
            "encoding-type", "list-type", "continuation-token", "fetch-owner", "start-after", "x-id",
            "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
            "X-Amz-Signature", "X-Amz-Security-Token");
    /** GET on an object with any of these is another operation (tagging, ACL, …), passed through. */
    private static final Set<String> OBJECT_SUBRESOURCES = Set.of("acl", "tagging", "attributes", "retention",
            "legal-hold", "torrent", "uploadId", "restore", "select");

    private final ServiceContext context;
    private final io.gureum.s3.access.S3ResourceAccess resources;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /**
     * The Lambda in-process client is synchronous: each invocation runs on a thread of its own here while the
     * function runs. The S3 request itself waits on a future, holding no thread.
     */
    private final ExecutorService invocations = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gureum-s3-object-lambda");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledThreadPoolExecutor timerThread;
    private final DueTimer timer;

    /** A GetObject waiting for its WriteGetObjectResponse. */
    private record Pending(String route, CompletableFuture<AwsHttpResponse> answer) {
    }

    ObjectLambdaRequests(ServiceContext context, io.gureum.s3.access.S3ResourceAccess resources) {
        this.context = context;
        this.resources = resources;
        this.timerThread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gureum-s3-object-lambda-timer");
            t.setDaemon(true);
            return t;
        });
        this.timerThread.setRemoveOnCancelPolicy(true);
        this.timer = new DueTimer(context.clock(), timerThread, timerThread);
    }

    /**
     * Answers a request through an Object Lambda access point whose action a configuration transforms (later,
     * through {@link AsyncResponse}); null for anything else.
     */
    AwsHttpResponse serve(AwsHttpRequest request) {
        String method = request.method();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return null;
        }
        S3Addressing.Target target = S3Addressing.target(request);
        if (target.bucket() == null) {
            return null;
        }
        RequestContext ctx = RequestContext.current();
        ControlState control = ControlState.current(context);
        ControlState.ObjectLambdaPoint point = control.objectLambdaFor(target.bucket(), ctx.region());
        if (point == null) {
            if (ControlState.signedForObjectLambda(request) && !target.bucket().endsWith("--ol-s3")) {
                throw new AwsException("NoSuchAccessPoint", "The specified accesspoint does not exist", 404);
            }
            return null;
        }
        String key = target.keySegments().isEmpty() ? null
                : AwsHttpRequest.decode(String.join("/", target.keySegments()), false);
        String action = action(request, key);
        if (action == null) {
            return null;
        }
        ObjectLambdaConfiguration configuration = point.config();
        AwsLambdaTransformation lambda = transformation(configuration, action);
        if (lambda == null) {
            return null; // passed through to the supporting access point
        }
        authorize(point, action, key);
        checkFeatures(configuration, action, request);
        ControlState.AccessPoint supporting = control.byArn(configuration.supportingAccessPoint());
        if (supporting == null) {
            throw new AwsException("NoSuchAccessPoint", "The supporting access point of this Object Lambda access "
                    + "point does not exist", 404);
        }
        Accounts.AccessKey signer = ctx.accessKeyId() == null ? null
                : context.accounts().lookup(ctx.accessKeyId()).orElse(null);
        String inputUrl = presign("HEAD".equals(method) ? "HEAD" : "GET", supporting, key, request, ctx, signer);
        ObjectNode event = event(point, configuration, lambda, action, inputUrl, request, ctx, signer);
        Caller caller = new Caller(ctx.accountId(), ctx.region(), signer != null && signer.principalArn() != null
                ? signer.principalArn() : "arn:aws:iam::" + ctx.accountId() + ":root", null);
        if (!context.clients().serves(LambdaClient.class)) {
            throw new AwsException("NotImplemented", "S3 Object Lambda needs the Lambda service, which this "
                    + "server does not serve", 501);
        }
        CompletableFuture<AwsHttpResponse> answer = new CompletableFuture<>();
        if ("GetObject".equals(action)) {
            ObjectNode getContext = (ObjectNode) event.get("getObjectContext");
            String token = context.ids().hex(32);
            String route = "io-" + context.ids().hex(8);
            getContext.put("outputRoute", route);
            getContext.put("outputToken", token);
            pending.put(token, new Pending(route, answer));
            answer.whenComplete((r, t) -> pending.remove(token));
            timer.after(TIMEOUT, () -> answer.completeExceptionally(new AwsException("LambdaTimeout",
                    "The Lambda function did not respond in the allowed time.", 500)));
        }
        String payload = event.toString();
        invocations.execute(() -> invoke(caller, lambda.functionArn(), payload, action, answer, ctx.region()));
        return AsyncResponse.later(answer);
    }

    /**
     * The server's authorizer, for what the function answers (core's dispatcher does not see these requests as
     * operations): the s3-object-lambda action of the operation ({@code s3-object-lambda:GetObject} for GetObject
     * and HeadObject, {@code s3-object-lambda:ListBucket} for the listings) on the Object Lambda access point's ARN,
     * with its policy ({@code actions/s3-object-lambda.json} of IAM's action table).
     */
    private void authorize(ControlState.ObjectLambdaPoint point, String action, String key) {
        io.gureum.core.spi.Authorizer authorizer = io.gureum.core.spi.Authorizer.of(context.shared());
        if (authorizer == io.gureum.core.spi.Authorizer.NONE) {
            return;
        }
        Object request = switch (action) {
            case "GetObject" -> software.amazon.awssdk.services.s3.model.GetObjectRequest.builder().bucket(point.arn())
                    .key(key).build();
            case "HeadObject" -> software.amazon.awssdk.services.s3.model.HeadObjectRequest.builder()
                    .bucket(point.arn()).key(key).build();
            case "ListObjects" -> software.amazon.awssdk.services.s3.model.ListObjectsRequest.builder()
                    .bucket(point.arn()).build();
            default -> software.amazon.awssdk.services.s3.model.ListObjectsV2Request.builder().bucket(point.arn())
                    .build();
        };
        authorizer.authorize(new io.gureum.core.spi.AuthorizationCall("s3-object-lambda", "rest-xml", action, request,
                resources::of));
    }

    /** The Object Lambda action of a request, or null when it is another operation. */
    private static String action(AwsHttpRequest request, String key) {
        Set<String> query = request.queryParameters().keySet();
        if (key != null) {
            for (String q : query) {
                if (OBJECT_SUBRESOURCES.contains(q)) {
                    return null;
                }
            }
            return "HEAD".equals(request.method()) ? "HeadObject" : "GetObject";
        }
        if (!"GET".equals(request.method()) || !LIST_PARAMETERS.containsAll(query)) {
            return null;
        }
        return "2".equals(request.queryParameter("list-type")) ? "ListObjectsV2" : "ListObjects";
    }

    private static AwsLambdaTransformation transformation(ObjectLambdaConfiguration c, String action) {
        for (ObjectLambdaTransformationConfiguration t : c.transformationConfigurations()) {
            if (t.actionsAsStrings().contains(action) && t.contentTransformation() != null) {
                return t.contentTransformation().awsLambda();
            }
        }
        return null;
    }

    /**
     * A Range or partNumber request needs the matching AllowedFeatures entry (GetObject-Range, GetObject-PartNumber,
     * HeadObject-Range, HeadObject-PartNumber); without it the function could not honour it.
     */
    private static void checkFeatures(ObjectLambdaConfiguration c, String action, AwsHttpRequest request) {
        List<String> allowed = c.allowedFeaturesAsStrings();
        if (request.header("Range") != null && !allowed.contains(action + "-Range")) {
            throw new AwsException("InvalidRequest", "Range requests are not enabled for this Object Lambda Access "
                    + "Point (AllowedFeatures " + action + "-Range)", 400);
        }
        if (request.queryParameter("partNumber") != null && !allowed.contains(action + "-PartNumber")) {
            throw new AwsException("InvalidRequest", "partNumber requests are not enabled for this Object Lambda "
                    + "Access Point (AllowedFeatures " + action + "-PartNumber)", 400);
        }
    }

    /** The event of "Event context format and usage". */
    private ObjectNode event(ControlState.ObjectLambdaPoint point, ObjectLambdaConfiguration configuration,
            AwsLambdaTransformation lambda, String action, String inputUrl, AwsHttpRequest request,
            RequestContext ctx, Accounts.AccessKey signer) {
        ObjectNode event = JSON.createObjectNode();
        event.put("xAmzRequestId", ctx.requestId());
        String contextName = switch (action) {
            case "GetObject" -> "getObjectContext";
            case "HeadObject" -> "headObjectContext";
            case "ListObjects" -> "listObjectsContext";
            default -> "listObjectsV2Context";
        };
        event.putObject(contextName).put("inputS3Url", inputUrl);
        ObjectNode config = event.putObject("configuration");
        config.put("accessPointArn", point.arn());
        config.put("supportingAccessPointArn", configuration.supportingAccessPoint());
        config.put("payload", lambda.functionPayload() == null ? "" : lambda.functionPayload());
        ObjectNode user = event.putObject("userRequest");
        String host = request.header("Host");
        user.put("url", "http://" + (host == null ? "localhost" : host) + request.rawPath()
                + (request.rawQuery() == null || request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
        ObjectNode headers = user.putObject("headers");
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!lower.equals("authorization") && !lower.equals("x-amz-security-token") && !values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        ObjectNode identity = event.putObject("userIdentity");
        String arn = signer != null && signer.principalArn() != null ? signer.principalArn()
                : "arn:aws:iam::" + ctx.accountId() + ":root";
        identity.put("type", arn.endsWith(":root") ? "Root" : arn.contains(":assumed-role/") ? "AssumedRole"
                : arn.contains(":user/") ? "IAMUser" : "AWSAccount");
        identity.put("arn", arn);
        identity.put("accountId", ctx.accountId());
        if (ctx.accessKeyId() != null) {
            identity.put("accessKeyId", ctx.accessKeyId());
        }
        event.put("protocolVersion", "1.00");
        return event;
    }

    /** Runs the function; an answer it did not give (GetObject) or its failure completes the request. */
    private void invoke(Caller caller, String functionArn, String payload, String action,
            CompletableFuture<AwsHttpResponse> answer, String region) {
        InvokeResponse result;
        try {
            LambdaClient lambda = context.clients().client(LambdaClient.class, caller);
            result = lambda.invoke(b -> b.functionName(functionArn).invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(SdkBytes.fromUtf8String(payload)));
        } catch (ResourceNotFoundException e) {
            answer.completeExceptionally(new AwsException("LambdaNotFound", "The AWS Lambda function was not found. "
                    + detail(e), 404));
            return;
        } catch (TooManyRequestsException e) {
            answer.completeExceptionally(new AwsException("SlowDown",
                    "Reduce your request rate for operations involving AWS Lambda. " + detail(e), 503));
            return;
        } catch (AwsServiceException e) {
            answer.completeExceptionally(e.statusCode() == 403
                    ? new AwsException("LambdaPermissionError", "The caller is not authorized to invoke the Lambda "
                            + "function. " + detail(e), 403)
                    : new AwsException("LambdaInvocationFailed", "Lambda function invocation failed. " + detail(e),
                            400));
            return;
        } catch (RuntimeException e) {
            answer.completeExceptionally(new AwsException("LambdaInvocationFailed",
                    "Lambda function invocation failed. " + e.getMessage(), 400));
            return;
        }
        if (result.functionError() != null) {
            answer.completeExceptionally(new AwsException("LambdaRuntimeError",
                    "The Lambda function failed during execution.", 500));
            return;
        }
        if ("GetObject".equals(action)) {
            answer.completeExceptionally(new AwsException("LambdaResponseNotReceived",
                    "The Lambda exited without successfully calling WriteGetObjectResponse.", 500));
            return;
        }
        try {
            answer.complete(fromReturnValue(action, JSON.readTree(result.payload().asByteArray())));
        } catch (IOException | RuntimeException e) {
            answer.completeExceptionally(new AwsException("LambdaInvalidResponse",
                    "The Lambda function returned an invalid response: " + e.getMessage(), 400));
        }
    }

    private static String detail(AwsServiceException e) {
        return e.awsErrorDetails() == null ? String.valueOf(e.getMessage())
                : "Status Code: " + e.statusCode() + ", Error Code: " + e.awsErrorDetails().errorCode() + ", Message: "
                        + e.awsErrorDetails().errorMessage();
    }

    /**
     * HeadObject's and ListObjects(V2)'s answer from the function's return value ("Working with HeadObject
     * requests in Lambda", "Working with ListObjects requests in Lambda"): {@code statusCode}, or {@code errorCode}
     * and {@code errorMessage}; HeadObject's {@code headers} and {@code metadata}; a listing's
     * {@code listResultXml} or {@code listBucketResult} (the XML's elements in camel case).
     */
    private static AwsHttpResponse fromReturnValue(String action, JsonNode value) throws IOException {
        if (value == null || !value.isObject()) {
            throw new IOException("the return value is not a JSON object");
        }
        int status = value.path("statusCode").asInt(200);
        if (value.hasNonNull("errorCode")) {
            throw new AwsException(value.get("errorCode").asText(), value.path("errorMessage").asText(""),
                    status >= 400 ? status : 500);
        }
        AwsHttpResponse response = new AwsHttpResponse(status);
        if ("HeadObject".equals(action)) {
            value.path("headers").fields().forEachRemaining(e -> response.header(e.getKey(), e.getValue().asText()));
            value.path("metadata").fields().forEachRemaining(e -> response.header("x-amz-meta-" + e.getKey(),
                    e.getValue().asText()));
            return response;
        }
        String xml;
        if (value.hasNonNull("listResultXml")) {
            xml = value.get("listResultXml").asText();
        } else if (value.has("listBucketResult")) {
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\""
                    + S3Codec.NAMESPACE + "\">");
            appendXml(sb, value.get("listBucketResult"));
            xml = sb.append("</ListBucketResult>").toString();
        } else {
            throw new IOException("the return value has neither listResultXml nor listBucketResult");
        }
        return response.body(xml, "application/xml");
    }

    private static void appendXml(StringBuilder sb, JsonNode node) {
        node.fields().forEachRemaining(e -> {
            String name = e.getKey().equals("id") ? "ID" : Character.toUpperCase(e.getKey().charAt(0))
                    + e.getKey().substring(1);
            JsonNode v = e.getValue();
            for (JsonNode item : v.isArray() ? v : List.of(v)) {
                if (item.isNull()) {
                    continue;
                }
                sb.append('<').append(name).append('>');
                if (item.isObject()) {
                    appendXml(sb, item);
                } else {
                    sb.append(escape(item.asText()));
                }
                sb.append("</").append(name).append('>');
            }
        });
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * {@code inputS3Url}: a URL presigned (SigV4, query string) with the caller's own key, so that their
     * permissions apply when the function uses it, for the supporting access point (by its alias, path-style on
     * this server's endpoint) and the request's key and its version or listing parameters.
     */
    private String presign(String method, ControlState.AccessPoint supporting, String key, AwsHttpRequest request,
            RequestContext ctx, Accounts.AccessKey signer) {
        URI endpoint = context.endpoint().uri().orElse(URI.create("http://localhost:4566"));
        String host = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
        String path = "/" + encode(supporting.alias(), false) + "/" + (key == null ? "" : encode(key, true));
        Map<String, String> query = new TreeMap<>();
        request.queryParameters().forEach((name, values) -> {
            if (!name.startsWith("X-Amz-") && !name.equals("x-id") && !values.isEmpty()) {
                query.put(name, values.get(0));
            }
        });
        Instant now = context.clock().now();
        String amzDate = AMZ_DATE.format(now);
        String scope = amzDate.substring(0, 8) + "/" + ctx.region() + "/s3/aws4_request";
        String accessKey = ctx.accessKeyId() == null ? "anonymous" : ctx.accessKeyId();
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", accessKey + "/" + scope);
        query.put("X-Amz-Date", amzDate);
        query.put("X-Amz-Expires", String.valueOf(TIMEOUT.toSeconds() + 1));
        query.put("X-Amz-SignedHeaders", "host");
        if (signer != null && signer.sessionToken() != null) {
            query.put("X-Amz-Security-Token", signer.sessionToken());
        }
        TreeMap<String, String> encoded = new TreeMap<>();
        query.forEach((k, v) -> encoded.put(encode(k, false), encode(v, false)));
        StringBuilder canonicalQuery = new StringBuilder();
        encoded.forEach((k, v) -> canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&").append(k).append('=')
                .append(v));
        String canonical = method + "\n" + path + "\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical));
        String secret = signer == null || signer.secretAccessKey() == null ? "unknown" : signer.secretAccessKey();
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        k = hmac(k, ctx.region());
        k = hmac(k, "s3");
        k = hmac(k, "aws4_request");
        String signature = hex(hmac(k, toSign));
        return endpoint.getScheme() + "://" + host + path + "?" + canonicalQuery + "&X-Amz-Signature=" + signature;
    }

    private static String encode(String s, boolean keepSlash) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~' || keepSlash && c == '/') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    /**
     * The function's answer to a waiting GetObject
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_WriteGetObjectResponse.html): its status, headers and
     * body, or an error ({@code ErrorCode} and {@code ErrorMessage} with a status of 400 or more and no body). The
     * body is taken in full (spooled to a temporary file) before the GetObject is answered. An unknown or expired
     * token, or an invalid answer, is {@code ValidationError} 400 (and the caller gets {@code LambdaInvalidResponse}).
     */
    public WriteGetObjectResponseResponse writeGetObjectResponse(WriteGetObjectResponseRequest request,
            RequestBody body) {
        Pending p = pending.get(request.requestToken());
        if (p == null || p.answer().isDone()) {
            throw validation("The request token is not valid or has expired");
        }
        if (request.requestRoute() != null && !request.requestRoute().equals(p.route())) {
            throw validation("The request route does not match the request token");
        }
        int status = request.statusCode() == null ? 200 : request.statusCode();
        Path spooled = null;
        long length;
        try {
            spooled = Files.createTempFile("gureum-wgor-", ".body");
            try (InputStream in = body.contentStreamProvider().newStream()) {
                length = Files.copy(in, spooled, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            if (request.errorCode() != null) {
                if (status < 400 || !request.errorCode().matches("[A-Z][a-zA-Z]+") || length > 0) {
                    throw invalid(p, "ErrorCode needs a StatusCode of 400 or more, the form ^[A-Z][a-zA-Z]+$ and no "
                            + "body");
                }
                Files.deleteIfExists(spooled);
                p.answer().completeExceptionally(new AwsException(request.errorCode(),
                        request.errorMessage() == null ? "" : request.errorMessage(), status));
                return WriteGetObjectResponseResponse.builder().build();
            }
            if (status < 100 || status > 599) {
                throw invalid(p, "StatusCode must be an HTTP status code");
            }
            AwsHttpResponse answer = new AwsHttpResponse(status);
            headers(answer, request);
            answer.bodyStream(Files.newInputStream(spooled, StandardOpenOption.DELETE_ON_CLOSE), length);
            spooled = null;
            if (!p.answer().complete(answer)) {
                answer.discard();
                throw validation("The request token is not valid or has expired");
            }
            return WriteGetObjectResponseResponse.builder().build();
        } catch (IOException e) {
            p.answer().completeExceptionally(new AwsException("ConnectionClosedByRequester",
                    "An error occurred while reading the WriteGetObjectResponse body.", 400));
            throw new UncheckedIOException(e);
        } finally {
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static AwsException validation(String message) {
        return new AwsException("ValidationError", message, 400);
    }

    private static AwsException invalid(Pending p, String message) {
        p.answer().completeExceptionally(new AwsException("LambdaInvalidResponse",
                "WriteGetObjectResponse answered ValidationError: " + message, 400));
        return validation(message);
    }

    private static void headers(AwsHttpResponse r, WriteGetObjectResponseRequest w) {
        set(r, "Accept-Ranges", w.acceptRanges());
        set(r, "Cache-Control", w.cacheControl());
        set(r, "Content-Disposition", w.contentDisposition());
        set(r, "Content-Encoding", w.contentEncoding());
        set(r, "Content-Language", w.contentLanguage());
        set(r, "Content-Range", w.contentRange());
        set(r, "Content-Type", w.contentType());
        set(r, "ETag", w.eTag());
        set(r, "Expires", w.expires() == null ? null : HTTP_DATE.format(w.expires()));
        set(r, "Last-Modified", w.lastModified() == null ? null : HTTP_DATE.format(w.lastModified()));
        set(r, "x-amz-checksum-crc32", w.checksumCRC32());
        set(r, "x-amz-checksum-crc32c", w.checksumCRC32C());
        set(r, "x-amz-checksum-crc64nvme", w.checksumCRC64NVME());
        set(r, "x-amz-checksum-sha1", w.checksumSHA1());
        set(r, "x-amz-checksum-sha256", w.checksumSHA256());
        set(r, "x-amz-delete-marker", w.deleteMarker() == null ? null : w.deleteMarker().toString());
        set(r, "x-amz-expiration", w.expiration());
        set(r, "x-amz-missing-meta", w.missingMeta() == null ? null : w.missingMeta().toString());
        set(r, "x-amz-object-lock-mode", w.objectLockModeAsString());
        set(r, "x-amz-object-lock-legal-hold", w.objectLockLegalHoldStatusAsString());
        set(r, "x-amz-object-lock-retain-until-date", w.objectLockRetainUntilDate() == null ? null
                : w.objectLockRetainUntilDate().toString());
        set(r, "x-amz-mp-parts-count", w.partsCount() == null ? null : w.partsCount().toString());
        set(r, "x-amz-replication-status", w.replicationStatusAsString());
        set(r, "x-amz-request-charged", w.requestChargedAsString());
        set(r, "x-amz-restore", w.restore());
        set(r, "x-amz-server-side-encryption", w.serverSideEncryptionAsString());
        set(r, "x-amz-server-side-encryption-customer-algorithm", w.sseCustomerAlgorithm());
        set(r, "x-amz-server-side-encryption-aws-kms-key-id", w.ssekmsKeyId());
        set(r, "x-amz-server-side-encryption-customer-key-MD5", w.sseCustomerKeyMD5());
        set(r, "x-amz-server-side-encryption-bucket-key-enabled", w.bucketKeyEnabled() == null ? null
                : w.bucketKeyEnabled().toString());
        set(r, "x-amz-storage-class", w.storageClassAsString());
        set(r, "x-amz-tagging-count", w.tagCount() == null ? null : w.tagCount().toString());
        set(r, "x-amz-version-id", w.versionId());
        if (w.hasMetadata()) {
            w.metadata().forEach((k, v) -> r.header("x-amz-meta-" + k, v));
        }
    }

    private static void set(AwsHttpResponse r, String name, String value) {
        if (value != null) {
            r.header(name, value);
        }
    }

    void close() {
        timer.close();
        timerThread.shutdownNow();
        invocations.shutdownNow();
        pending.values().forEach(p -> p.answer().completeExceptionally(new AwsException("ServiceUnavailable",
                "The server is shutting down", 503)));
    }
}
