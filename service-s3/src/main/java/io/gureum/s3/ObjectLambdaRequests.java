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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
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
 * for the function's {@code WriteGetObjectResponse} to complete it, at most
 * {@link #TIMEOUT} on the core clock ({@link ObjectLambdaWrites}); HeadObject and ListObjects(V2) are answered from
 * the function's return value.
 * Every other request (and an action no configuration names) goes to the supporting access point unchanged
 * ({@link ControlState#pointFor}). Errors are those of "List of Amazon S3 Object Lambda error codes"
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 */
final class ObjectLambdaRequests {
    /** "The Lambda function failed to complete its call to WriteGetObjectResponse within 60 seconds." */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
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
    record Pending(String route, CompletableFuture<AwsHttpResponse> answer) {
    }

    /** The GetObject waiting under a token, or null. */
    Pending pending(String token) {
        return token == null ? null : pending.get(token);
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
        String inputUrl = ObjectLambdaUrls.presign(context, "HEAD".equals(method) ? "HEAD" : "GET", supporting, key, request, ctx, signer);
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

    void close() {
        timer.close();
        timerThread.shutdownNow();
        invocations.shutdownNow();
        pending.values().forEach(p -> p.answer().completeExceptionally(new AwsException("ServiceUnavailable",
                "The server is shutting down", 503)));
    }
}
