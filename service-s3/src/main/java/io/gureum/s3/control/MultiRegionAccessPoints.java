package io.gureum.s3.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.error.AwsException;
import io.gureum.core.ids.Arn;
import io.gureum.core.persist.SdkJson;
import io.gureum.core.spi.Caller;
import io.gureum.s3.access.PublicPolicies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.model.*;

/**
 * Multi-Region Access Points (https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPoints.html),
 * per account (they are global): created, deleted and given a policy by asynchronous requests answered with a
 * request token ARN, whose outcome DescribeMultiRegionAccessPointOperation tells, with the errors AWS's
 * asynchronous error list names in the operation (the request itself succeeds). Gureum carries each request out at
 * once, so the token already describes its end and the access point is {@code READY} when the request answers.
 */
final class MultiRegionAccessPoints {
    static final String MRAP = "mrap";
    static final String OPERATION = "mrapop";
    /** The control plane of Multi-Region Access Points is in US West (Oregon), whatever Region is called. */
    static final String HOME = "us-west-2";
    private static final int MAX_RESULTS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ControlState state;
    private final Kept kept;

    MultiRegionAccessPoints(ControlState state, Kept kept) {
        this.state = state;
        this.kept = kept;
    }

    static AwsException noSuchMrap() {
        return new AwsException("NoSuchMultiRegionAccessPoint", "The specified Multi-Region Access Point does not exist.",
                404);
    }

    // Asynchronous requests

    public CreateMultiRegionAccessPointResponse createMultiRegionAccessPoint(CreateMultiRegionAccessPointRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        CreateMultiRegionAccessPointInput details = request.details();
        String arn = submit(account, "CreateMultiRegionAccessPoint", request.clientToken(),
                "CreateMultiRegionAccessPointRequest", SdkJson.toJson(details), () -> create(account, details));
        return CreateMultiRegionAccessPointResponse.builder().requestTokenARN(arn).build();
    }

    public DeleteMultiRegionAccessPointResponse deleteMultiRegionAccessPoint(DeleteMultiRegionAccessPointRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        String name = request.details().name();
        String arn = submit(account, "DeleteMultiRegionAccessPoint", request.clientToken(),
                "DeleteMultiRegionAccessPointRequest", SdkJson.toJson(request.details()), () -> {
                    Kept.Entry e = mrap(account, name);
                    kept.remove(e);
                    return regions(e);
                });
        return DeleteMultiRegionAccessPointResponse.builder().requestTokenARN(arn).build();
    }

    public PutMultiRegionAccessPointPolicyResponse putMultiRegionAccessPointPolicy(
            PutMultiRegionAccessPointPolicyRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        PutMultiRegionAccessPointPolicyInput details = request.details();
        String arn = submit(account, "PutMultiRegionAccessPointPolicy", request.clientToken(),
                "PutMultiRegionAccessPointPolicyRequest", SdkJson.toJson(details), () -> {
                    Kept.Entry e = mrap(account, details.name());
                    JsonNode doc;
                    try {
                        doc = JSON.readTree(details.policy());
                    } catch (JsonProcessingException bad) {
                        doc = null;
                    }
                    if (doc == null || !doc.isObject()) {
                        throw new AwsException("MalformedPolicy", "The specified policy syntax is not valid.", 400);
                    }
                    ControlState.Block accountBlock = state.block(account);
                    boolean blocked = e.body().path("block").path("BlockPublicPolicy").asBoolean(true)
                            || accountBlock != null && accountBlock.blockPublicPolicy();
                    if (blocked && PublicPolicies.isPublic(doc)) {
                        throw new AwsException("AccessDenied", "Access denied.", 403);
                    }
                    kept.put(e.withBody(((ObjectNode) e.body().deepCopy()).put("policy", details.policy())), null);
                    return regions(e);
                });
        return PutMultiRegionAccessPointPolicyResponse.builder().requestTokenARN(arn).build();
    }

    private interface Work {
        List<String> run();
    }

    /**
     * Records an asynchronous request and carries it out: the same client token for the same operation answers
     * the first request's token again (idempotency); a failure is the operation's {@code ErrorDetails}.
     */
    private String submit(String account, String operation, String clientToken, String parametersMember,
            JsonNode parameters, Work work) {
        synchronized (kept) {
            for (Kept.Entry op : kept.list(OPERATION, account, "")) {
                if (clientToken.equals(op.body().path("clientToken").asText(null))
                        && operation.equals(op.body().path("operation").asText())) {
                    return op.arn();
                }
            }
            String id = state.context.ids().hex(32);
            String verb = switch (operation) {
                case "CreateMultiRegionAccessPoint" -> "create";
                case "DeleteMultiRegionAccessPoint" -> "delete";
                default -> "put-policy";
            };
            String arn = Arn.of("s3", HOME, account, "async-request/mrap/" + verb + "/" + id).toString();
            ObjectNode body = JSON.createObjectNode().put("operation", operation).put("clientToken", clientToken);
            body.putObject("parameters").set(parametersMember, parameters);
            try {
                List<String> regions = work.run();
                body.put("status", "SUCCEEDED");
                ArrayNode r = body.putArray("regions");
                regions.forEach(r::add);
            } catch (AwsException e) {
                body.put("status", "FAILED");
                body.putObject("error").put("code", e.code()).put("message", e.getMessage())
                        .put("resource", parameters.path("Name").asText(null));
            }
            kept.put(new Kept.Entry(OPERATION, account, "", id, arn, body, state.context.clock().now(), null), null);
            return arn;
        }
    }

    private List<String> create(String account, CreateMultiRegionAccessPointInput details) {
        if (kept.get(MRAP, account, "", details.name()) != null) {
            throw new AwsException("MultiRegionAccessPointAlreadyOwnedByYou",
                    "You already have a Multi-Region Access Point with the same name.", 409);
        }
        ArrayNode regions = JSON.createArrayNode();
        Set<String> seen = new HashSet<>();
        for (Region r : details.regions()) {
            String bucketAccount = r.bucketAccountId() != null ? r.bucketAccountId() : account;
            String region = bucketRegion(bucketAccount, r.bucket());
            if (!seen.add(region)) {
                throw new AwsException("MultiRegionAccessPointSameBucketRegion",
                        "The buckets used to create a Multi-Region Access Point cannot be in the same Region.", 400);
            }
            regions.addObject().put("Bucket", r.bucket()).put("Region", region).put("BucketAccountId", bucketAccount)
                    .put("TrafficDialPercentage", 100);
        }
        PublicAccessBlockConfiguration b = details.publicAccessBlock();
        ObjectNode body = JSON.createObjectNode().put("alias", state.context.ids().hex(13) + ".mrap");
        body.set("regions", regions);
        body.putObject("block").put("BlockPublicAcls", b == null || Boolean.TRUE.equals(b.blockPublicAcls()))
                .put("IgnorePublicAcls", b == null || Boolean.TRUE.equals(b.ignorePublicAcls()))
                .put("BlockPublicPolicy", b == null || Boolean.TRUE.equals(b.blockPublicPolicy()))
                .put("RestrictPublicBuckets", b == null || Boolean.TRUE.equals(b.restrictPublicBuckets()));
        String arn = Arn.of("s3", "", account, "accesspoint/" + body.get("alias").asText()).toString();
        Kept.Entry e = new Kept.Entry(MRAP, account, "", details.name(), arn, body, state.context.clock().now(), null);
        kept.put(e, null);
        return regions(e);
    }

    /** The bucket's Region, asked of S3 as the bucket account's root; NoSuchBucket when it has none. */
    private String bucketRegion(String account, String bucket) {
        S3Client s3 = state.context.clients().client(S3Client.class, Caller.root(account, HOME));
        try {
            String location = s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString();
            return location == null || location.isEmpty() ? "us-east-1" : location;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 403) {
                throw new AwsException("AccessDenied", "Access denied.", 403);
            }
            throw new AwsException("NoSuchBucket", "The specified bucket does not exist.", 404);
        }
    }

    private static List<String> regions(Kept.Entry e) {
        List<String> out = new ArrayList<>();
        e.body().path("regions").forEach(r -> out.add(r.path("Region").asText()));
        return out;
    }

    public DescribeMultiRegionAccessPointOperationResponse describeMultiRegionAccessPointOperation(
            DescribeMultiRegionAccessPointOperationRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        Kept.Entry op = kept.list(OPERATION, account, "").stream()
                .filter(e -> e.arn().equals(request.requestTokenARN())).findFirst()
                .orElseThrow(() -> new AwsException("NoSuchAsyncRequest",
                        "The specified asynchronous request does not exist.", 404));
        JsonNode b = op.body();
        AsyncRequestParameters parameters = SdkJson.fromJson(b.path("parameters"), AsyncRequestParameters.class);
        AsyncResponseDetails.Builder details = AsyncResponseDetails.builder();
        if (b.has("error")) {
            JsonNode err = b.get("error");
            details.errorDetails(AsyncErrorDetails.builder().code(err.path("code").asText())
                    .message(err.path("message").asText()).resource(err.path("resource").asText(null)).build());
        } else {
            List<MultiRegionAccessPointRegionalResponse> regions = new ArrayList<>();
            b.path("regions").forEach(r -> regions.add(MultiRegionAccessPointRegionalResponse.builder().name(r.asText())
                    .requestStatus("SUCCEEDED").build()));
            details.multiRegionAccessPointDetails(m -> m.regions(regions));
        }
        return DescribeMultiRegionAccessPointOperationResponse.builder().asyncOperation(o -> o.creationTime(op.created())
                .operation(b.path("operation").asText()).requestTokenARN(op.arn()).requestParameters(parameters)
                .requestStatus(b.path("status").asText()).responseDetails(details.build())).build();
    }

    // Reads

    public GetMultiRegionAccessPointResponse getMultiRegionAccessPoint(GetMultiRegionAccessPointRequest request) {
        Kept.Entry e = mrap(ControlErrors.callerAccount(request.accountId()), request.name());
        return GetMultiRegionAccessPointResponse.builder().accessPoint(report(e)).build();
    }

    /** By name, MaxResults (default and at most 1,000) a page. */
    public ListMultiRegionAccessPointsResponse listMultiRegionAccessPoints(ListMultiRegionAccessPointsRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        int max = request.maxResults() == null || request.maxResults() <= 0 ? MAX_RESULTS
                : Math.min(request.maxResults(), MAX_RESULTS);
        String after;
        try {
            after = request.nextToken() == null ? null
                    : new String(Base64.getUrlDecoder().decode(request.nextToken()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ControlErrors.invalidRequest("The continuation token provided is incorrect");
        }
        List<MultiRegionAccessPointReport> page = new ArrayList<>();
        String next = null;
        for (Kept.Entry e : kept.list(MRAP, account, "")) {
            if (after != null && e.key().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == max) {
                next = Base64.getUrlEncoder().withoutPadding().encodeToString(page.get(max - 1).name()
                        .getBytes(StandardCharsets.UTF_8));
                break;
            }
            page.add(report(e));
        }
        return ListMultiRegionAccessPointsResponse.builder().accessPoints(page).nextToken(next).build();
    }

    private static MultiRegionAccessPointReport report(Kept.Entry e) {
        JsonNode b = e.body();
        List<RegionReport> regions = new ArrayList<>();
        b.path("regions").forEach(r -> regions.add(RegionReport.builder().bucket(r.path("Bucket").asText())
                .region(r.path("Region").asText()).bucketAccountId(r.path("BucketAccountId").asText()).build()));
        JsonNode block = b.path("block");
        return MultiRegionAccessPointReport.builder().name(e.key()).alias(b.path("alias").asText())
                .createdAt(e.created()).status(MultiRegionAccessPointStatus.READY).regions(regions)
                .publicAccessBlock(p -> p.blockPublicAcls(block.path("BlockPublicAcls").asBoolean())
                        .ignorePublicAcls(block.path("IgnorePublicAcls").asBoolean())
                        .blockPublicPolicy(block.path("BlockPublicPolicy").asBoolean())
                        .restrictPublicBuckets(block.path("RestrictPublicBuckets").asBoolean()))
                .build();
    }

    /** The established policy (Gureum has no proposed one: a put takes effect at once); empty without one. */
    public GetMultiRegionAccessPointPolicyResponse getMultiRegionAccessPointPolicy(
            GetMultiRegionAccessPointPolicyRequest request) {
        Kept.Entry e = mrap(ControlErrors.callerAccount(request.accountId()), request.name());
        String policy = e.body().path("policy").asText(null);
        return GetMultiRegionAccessPointPolicyResponse.builder().policy(p -> {
            if (policy != null) {
                p.established(x -> x.policy(policy));
            }
        }).build();
    }

    public GetMultiRegionAccessPointPolicyStatusResponse getMultiRegionAccessPointPolicyStatus(
            GetMultiRegionAccessPointPolicyStatusRequest request) {
        Kept.Entry e = mrap(ControlErrors.callerAccount(request.accountId()), request.name());
        String policy = e.body().path("policy").asText(null);
        boolean isPublic;
        try {
            isPublic = policy != null && PublicPolicies.isPublic(JSON.readTree(policy));
        } catch (JsonProcessingException bad) {
            isPublic = false;
        }
        boolean answer = isPublic;
        return GetMultiRegionAccessPointPolicyStatusResponse.builder().established(s -> s.isPublic(answer)).build();
    }

    // Routes (failover controls)

    public GetMultiRegionAccessPointRoutesResponse getMultiRegionAccessPointRoutes(
            GetMultiRegionAccessPointRoutesRequest request) {
        Kept.Entry e = byMrap(ControlErrors.callerAccount(request.accountId()), request.mrap());
        List<MultiRegionAccessPointRoute> routes = new ArrayList<>();
        e.body().path("regions").forEach(r -> routes.add(MultiRegionAccessPointRoute.builder()
                .bucket(r.path("Bucket").asText()).region(r.path("Region").asText())
                .trafficDialPercentage(r.path("TrafficDialPercentage").asInt(100)).build()));
        return GetMultiRegionAccessPointRoutesResponse.builder().mrap(request.mrap()).routes(routes).build();
    }

    /** Each update names a bucket or Region of the access point and sets its dial to 0 (passive) or 100 (active). */
    public SubmitMultiRegionAccessPointRoutesResponse submitMultiRegionAccessPointRoutes(
            SubmitMultiRegionAccessPointRoutesRequest request) {
        synchronized (kept) {
            Kept.Entry e = byMrap(ControlErrors.callerAccount(request.accountId()), request.mrap());
            ObjectNode body = e.body().deepCopy();
            for (MultiRegionAccessPointRoute u : request.routeUpdates()) {
                int dial = u.trafficDialPercentage();
                if (dial != 0 && dial != 100) {
                    throw ControlErrors.invalidRequest("TrafficDialPercentage must be 0 or 100");
                }
                ObjectNode match = null;
                for (JsonNode r : body.path("regions")) {
                    if (u.bucket() != null && u.bucket().equals(r.path("Bucket").asText())
                            || u.region() != null && u.region().equals(r.path("Region").asText())) {
                        match = (ObjectNode) r;
                    }
                }
                if (match == null) {
                    throw ControlErrors.invalidRequest("The route names no bucket or Region of this Multi-Region "
                            + "Access Point");
                }
                match.put("TrafficDialPercentage", dial);
            }
            kept.put(e.withBody(body), null);
        }
        return SubmitMultiRegionAccessPointRoutesResponse.builder().build();
    }

    private Kept.Entry mrap(String account, String name) {
        Kept.Entry e = kept.get(MRAP, account, "", name);
        if (e == null) {
            throw noSuchMrap();
        }
        return e;
    }

    /** By ARN ({@code arn:aws:s3::<account>:accesspoint/<alias>}) or alias. */
    private Kept.Entry byMrap(String account, String mrap) {
        String alias = mrap.startsWith("arn:") ? mrap.substring(mrap.lastIndexOf('/') + 1) : mrap;
        for (Kept.Entry e : kept.list(MRAP, account, "")) {
            if (alias.equals(e.body().path("alias").asText())) {
                return e;
            }
        }
        throw noSuchMrap();
    }
}
