package io.gureum.s3.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.error.AwsException;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.s3.access.PublicPolicies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3control.model.*;

/**
 * Access points of general purpose buckets, and of directory buckets ({@link #createDirectoryAccessPoint})
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points.html): named per account and Region,
 * each on one existing bucket of the same Region, with a bucket-style alias ({@code name-…-s3alias}) by which
 * S3 requests reach the bucket, an optional VPC restriction (NetworkOrigin VPC), its own Block Public Access
 * settings (all four on unless given) and policy, and tags.
 */
final class AccessPoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * "Access points naming rules": 3 to 50 characters, lowercase letters, numbers and hyphens, beginning with
     * a letter or number and not ending with a hyphen, and not ending with the reserved suffix -s3alias
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-restrictions-limitations-naming-rules.html).
     */
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,48})[a-z0-9]");
    private static final int MAX_RESULTS = 1000;
    static final String DIRECTORY_SUFFIX = "--xa-s3";
    private static final Pattern DIRECTORY_BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]*--([a-z0-9]+-[a-z0-9-]+)--x-s3");
    /** "the total length of characters of all prefixes must be less than 256 bytes" (Scope). */
    private static final int MAX_SCOPE_PREFIX_BYTES = 256;

    private final ControlState state;
    private final Kept kept;

    AccessPoints(ControlState state, Kept kept) {
        this.state = state;
        this.kept = kept;
    }

    public CreateAccessPointResponse createAccessPoint(CreateAccessPointRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        String region = RequestContext.current().region();
        String name = request.name();
        if (request.bucket() != null && request.bucket().endsWith("--x-s3") || name.endsWith(DIRECTORY_SUFFIX)
                || request.scope() != null) {
            return createDirectoryAccessPoint(account, region, request);
        }
        if (!NAME.matcher(name).matches() || name.endsWith("-s3alias") || name.startsWith("xn--")) {
            throw ControlErrors.invalidRequest("Your Access Point name is invalid: " + name);
        }
        String bucketAccount = request.bucketAccountId() != null ? request.bucketAccountId() : account;
        checkBucket(account, region, request.bucket(), bucketAccount);
        ControlState.Block block = request.publicAccessBlockConfiguration() == null
                ? new ControlState.Block(true, true, true, true) : block(request.publicAccessBlockConfiguration());
        String vpc = request.vpcConfiguration() == null ? null : request.vpcConfiguration().vpcId();
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.hasTags()) {
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        synchronized (state) {
            if (state.point(account, region, name) != null) {
                throw new AwsException("AccessPointAlreadyOwnedByYou",
                        "Your previous request to create the named accesspoint succeeded and you already own it.", 409);
            }
            String alias = name + "-" + state.context.ids().hex(34) + "-s3alias";
            String arn = Arn.of("s3", region, account, "accesspoint/" + name).toString();
            ControlState.AccessPoint p = new ControlState.AccessPoint(name, account, region, request.bucket(),
                    bucketAccount, alias, arn, vpc, block, null, state.context.clock().now(), Map.copyOf(tags), null,
                    null);
            state.put(p);
            return CreateAccessPointResponse.builder().accessPointArn(arn).alias(alias).build();
        }
    }

    /**
     * An access point of a directory bucket ("Managing access to shared datasets in directory buckets with access
     * points", https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-directory-buckets.html): named
     * {@code <base>--<zone-id>--xa-s3} with the bucket's zone and a base of 3 to 50 characters, an
     * {@code arn:<partition>:s3express:<region>:<account>:accesspoint/<name>} ARN, its name as its alias, and an
     * optional Scope. A {@code --xa-s3} name or a Scope on a general purpose bucket is refused (InvalidRequest).
     */
    private CreateAccessPointResponse createDirectoryAccessPoint(String account, String region,
            CreateAccessPointRequest request) {
        String name = request.name();
        String bucket = request.bucket();
        if (bucket == null || !bucket.endsWith("--x-s3")) {
            throw ControlErrors.invalidRequest(request.scope() != null
                    ? "Scope is only supported for access points attached to directory buckets"
                    : "Access point names ending in " + DIRECTORY_SUFFIX + " are only for access points of directory "
                            + "buckets: " + name);
        }
        String zone = zoneOf(bucket);
        String suffix = "--" + zone + DIRECTORY_SUFFIX;
        String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : "";
        if (zone == null || !NAME.matcher(base).matches() || base.startsWith("xn--")) {
            throw ControlErrors.invalidRequest("Your Access Point name is invalid: " + name + " (an access point of "
                    + "directory bucket " + bucket + " is named <base>" + suffix + ", with a base of 3 to 50 "
                    + "lowercase letters, numbers and hyphens)");
        }
        ControlState.PointScope scope = request.scope() == null ? null : scope(request.scope());
        String bucketAccount = request.bucketAccountId() != null ? request.bucketAccountId() : account;
        checkBucket(account, region, bucket, bucketAccount);
        ControlState.Block block = request.publicAccessBlockConfiguration() == null
                ? new ControlState.Block(true, true, true, true) : block(request.publicAccessBlockConfiguration());
        String vpc = request.vpcConfiguration() == null ? null : request.vpcConfiguration().vpcId();
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.hasTags()) {
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
        }
        synchronized (state) {
            if (state.point(account, region, name) != null) {
                throw new AwsException("AccessPointAlreadyOwnedByYou",
                        "Your previous request to create the named accesspoint succeeded and you already own it.", 409);
            }
            String arn = Arn.of("s3express", region, account, "accesspoint/" + name).toString();
            ControlState.AccessPoint p = new ControlState.AccessPoint(name, account, region, bucket, bucketAccount,
                    name, arn, vpc, block, null, state.context.clock().now(), Map.copyOf(tags), zone, scope);
            state.put(p);
            return CreateAccessPointResponse.builder().accessPointArn(arn).alias(name).build();
        }
    }

    /** The zone ID of a directory bucket's name ({@code <base>--<zone-id>--x-s3}), or null. */
    static String zoneOf(String bucket) {
        java.util.regex.Matcher m = DIRECTORY_BUCKET.matcher(bucket);
        return m.matches() ? m.group(1) : null;
    }

    /**
     * A Scope as AWS takes it: permissions among the API operations it names, prefixes whose lengths together are
     * under 256 bytes (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_Scope.html).
     */
    private static ControlState.PointScope scope(Scope s) {
        List<String> permissions = s.hasPermissions() ? List.copyOf(s.permissionsAsStrings()) : List.of();
        for (String permission : permissions) {
            if (ScopePermission.fromValue(permission) == ScopePermission.UNKNOWN_TO_SDK_VERSION) {
                throw ControlErrors.invalidRequest("Invalid permission in the access point scope: " + permission
                        + " (valid: " + ScopePermission.knownValues() + ")");
            }
        }
        List<String> prefixes = s.hasPrefixes() ? List.copyOf(s.prefixes()) : List.of();
        int bytes = 0;
        for (String prefix : prefixes) {
            bytes += prefix.getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes >= MAX_SCOPE_PREFIX_BYTES) {
            throw ControlErrors.invalidRequest("The total length of the access point scope's prefixes must be less "
                    + "than " + MAX_SCOPE_PREFIX_BYTES + " bytes; it is " + bytes);
        }
        return new ControlState.PointScope(prefixes, permissions);
    }

    private static Scope scope(ControlState.PointScope s) {
        return s == null ? Scope.builder().build()
                : Scope.builder().prefixes(s.prefixes()).permissionsWithStrings(s.permissions()).build();
    }

    /** An access point of a directory bucket, or InvalidRequest for a general purpose bucket's. */
    private ControlState.AccessPoint requireDirectory(String accountId, String name) {
        ControlState.AccessPoint p = require(accountId, name);
        if (!p.directory()) {
            throw ControlErrors.invalidRequest("Scope is only supported for access points attached to directory "
                    + "buckets");
        }
        return p;
    }

    public GetAccessPointScopeResponse getAccessPointScope(GetAccessPointScopeRequest request) {
        return GetAccessPointScopeResponse.builder().scope(scope(requireDirectory(request.accountId(), request.name())
                .scope())).build();
    }

    public PutAccessPointScopeResponse putAccessPointScope(PutAccessPointScopeRequest request) {
        ControlState.PointScope scope = scope(request.scope() == null ? Scope.builder().build() : request.scope());
        synchronized (state) {
            state.put(requireDirectory(request.accountId(), request.name()).withScope(scope));
        }
        return PutAccessPointScopeResponse.builder().build();
    }

    public DeleteAccessPointScopeResponse deleteAccessPointScope(DeleteAccessPointScopeRequest request) {
        synchronized (state) {
            state.put(requireDirectory(request.accountId(), request.name()).withScope(null));
        }
        return DeleteAccessPointScopeResponse.builder().build();
    }

    /**
     * The account's access points of directory buckets in the Region, by name, optionally only one bucket's;
     * MaxResults (default and at most 1,000) a page.
     */
    public ListAccessPointsForDirectoryBucketsResponse listAccessPointsForDirectoryBuckets(
            ListAccessPointsForDirectoryBucketsRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        int max = request.maxResults() == null || request.maxResults() == 0 ? MAX_RESULTS
                : Math.min(request.maxResults(), MAX_RESULTS);
        String after = request.nextToken() == null ? null : decodeToken(request.nextToken());
        List<AccessPoint> page = new ArrayList<>();
        String next = null;
        for (ControlState.AccessPoint p : state.points(account, RequestContext.current().region())) {
            if (!p.directory() || request.directoryBucket() != null && !request.directoryBucket().equals(p.bucket())
                    || after != null && p.name().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == max) {
                next = token(page.get(page.size() - 1).name());
                break;
            }
            page.add(summary(p));
        }
        return ListAccessPointsForDirectoryBucketsResponse.builder().accessPointList(page).nextToken(next).build();
    }

    private static AccessPoint summary(ControlState.AccessPoint p) {
        return AccessPoint.builder().name(p.name()).networkOrigin(p.networkOrigin()).vpcConfiguration(vpc(p))
                .bucket(p.bucket()).accessPointArn(p.arn()).alias(p.alias()).bucketAccountId(p.bucketAccount())
                .build();
    }

    private static String token(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The bucket must exist, in the access point's Region and, when BucketAccountId is given, be that
     * account's; asked of S3 through an in-process client as the account's root.
     */
    private void checkBucket(String account, String region, String bucket, String bucketAccount) {
        S3Client s3 = state.context.clients().client(S3Client.class, Caller.root(account, region));
        String location;
        try {
            location = s3.getBucketLocation(b -> b.bucket(bucket)).locationConstraintAsString();
        } catch (NoSuchBucketException e) {
            throw new AwsException("NoSuchBucket", "The specified bucket does not exist", 404);
        } catch (AwsServiceException e) { // in-process, an unmodeled code (AccessDenied) comes as the base type
            if (e.statusCode() == 403) {
                throw ControlErrors.accessDenied();
            }
            throw e;
        }
        // The owner, from core's record of the bucket (GetBucketLocation names none).
        String owner = state.context.registry().byArn(Arn.of("s3", "", "", bucket))
                .map(io.gureum.core.state.RegisteredResource::account).orElse(null);
        if (owner != null && !owner.equals(bucketAccount)) {
            throw ControlErrors.accessDenied();
        }
        String bucketRegion = location == null || location.isEmpty() ? "us-east-1" : location;
        if (!bucketRegion.equals(region)) {
            throw ControlErrors.invalidRequest("The bucket is in a different Region (" + bucketRegion
                    + ") than the access point (" + region + ")");
        }
    }

    public GetAccessPointResponse getAccessPoint(GetAccessPointRequest request) {
        ControlState.AccessPoint p = require(request.accountId(), request.name());
        return GetAccessPointResponse.builder().name(p.name()).bucket(p.bucket()).networkOrigin(p.networkOrigin())
                .vpcConfiguration(vpc(p)).publicAccessBlockConfiguration(configuration(p.block()))
                .creationDate(p.created()).alias(p.alias()).accessPointArn(p.arn()).bucketAccountId(p.bucketAccount())
                .build();
    }

    public DeleteAccessPointResponse deleteAccessPoint(DeleteAccessPointRequest request) {
        synchronized (state) {
            state.remove(require(request.accountId(), request.name()));
        }
        return DeleteAccessPointResponse.builder().build();
    }

    /** By name, MaxResults (default and at most 1,000) a page, optionally only one bucket's. */
    public ListAccessPointsResponse listAccessPoints(ListAccessPointsRequest request) {
        String account = ControlErrors.callerAccount(request.accountId());
        if (request.dataSourceId() != null || request.dataSourceType() != null) {
            throw new AwsException("NotImplemented",
                    "ListAccessPoints by DataSourceId/DataSourceType (FSx volumes) is not emulated by Gureum", 501);
        }
        int max = request.maxResults() == null || request.maxResults() == 0 ? MAX_RESULTS
                : Math.min(request.maxResults(), MAX_RESULTS);
        String after = request.nextToken() == null ? null : decodeToken(request.nextToken());
        List<AccessPoint> page = new ArrayList<>();
        String next = null;
        for (ControlState.AccessPoint p : state.points(account, RequestContext.current().region())) {
            if (p.directory() || request.bucket() != null && !request.bucket().equals(p.bucket())
                    || after != null && p.name().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == max) {
                next = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(page.get(page.size() - 1).name().getBytes(StandardCharsets.UTF_8));
                break;
            }
            page.add(AccessPoint.builder().name(p.name()).networkOrigin(p.networkOrigin()).vpcConfiguration(vpc(p))
                    .bucket(p.bucket()).accessPointArn(p.arn()).alias(p.alias()).bucketAccountId(p.bucketAccount())
                    .build());
        }
        return ListAccessPointsResponse.builder().accessPointList(page).nextToken(next).build();
    }

    /**
     * A public policy is refused (AccessDenied) when the access point's or the account's BlockPublicPolicy is
     * on ("The meaning of public" in the Block Public Access guide).
     */
    public PutAccessPointPolicyResponse putAccessPointPolicy(PutAccessPointPolicyRequest request) {
        synchronized (state) {
            ControlState.AccessPoint p = require(request.accountId(), request.name());
            JsonNode doc = parse(request.policy());
            ControlState.Block account = state.block(p.account());
            boolean blocked = p.block().blockPublicPolicy() || account != null && account.blockPublicPolicy();
            if (blocked && PublicPolicies.isPublic(doc)) {
                throw ControlErrors.accessDenied();
            }
            state.put(p.withPolicy(request.policy()));
        }
        return PutAccessPointPolicyResponse.builder().build();
    }

    public GetAccessPointPolicyResponse getAccessPointPolicy(GetAccessPointPolicyRequest request) {
        ControlState.AccessPoint p = require(request.accountId(), request.name());
        if (p.policy() == null) {
            throw ControlErrors.noSuchAccessPointPolicy();
        }
        return GetAccessPointPolicyResponse.builder().policy(p.policy()).build();
    }

    public DeleteAccessPointPolicyResponse deleteAccessPointPolicy(DeleteAccessPointPolicyRequest request) {
        synchronized (state) {
            ControlState.AccessPoint p = require(request.accountId(), request.name());
            state.put(p.withPolicy(null));
        }
        return DeleteAccessPointPolicyResponse.builder().build();
    }

    public GetAccessPointPolicyStatusResponse getAccessPointPolicyStatus(GetAccessPointPolicyStatusRequest request) {
        ControlState.AccessPoint p = require(request.accountId(), request.name());
        if (p.policy() == null) {
            throw ControlErrors.noSuchAccessPointPolicy();
        }
        return GetAccessPointPolicyStatusResponse.builder()
                .policyStatus(PolicyStatus.builder().isPublic(PublicPolicies.isPublic(parse(p.policy()))).build())
                .build();
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        synchronized (state) {
            Tagged t = tagged(request.accountId(), request.resourceArn());
            Map<String, String> tags = new LinkedHashMap<>();
            request.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
            state.context.registry().tag(Arn.parse(t.arn()), tags);
            t.record().run();
        }
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        synchronized (state) {
            Tagged t = tagged(request.accountId(), request.resourceArn());
            state.context.registry().untag(Arn.parse(t.arn()), request.tagKeys());
            t.record().run();
        }
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        Tagged t = tagged(request.accountId(), request.resourceArn());
        List<Tag> tags = new ArrayList<>();
        state.context.registry().tags(Arn.parse(t.arn())).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v)
                .build()));
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    /** A taggable resource: its ARN and how to record it once its tags changed. */
    private record Tagged(String arn, Runnable record) {
    }

    /**
     * Tagging through S3 Control reaches access points, Storage Lens groups and Access Grants instances, locations
     * and grants here; other resource types (general purpose buckets) are not emulated through this API.
     */
    private Tagged tagged(String accountId, String resourceArn) {
        String account = ControlErrors.callerAccount(accountId);
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (RuntimeException e) {
            throw ControlErrors.invalidRequest("Invalid resource ARN: " + resourceArn);
        }
        if ("s3".equals(arn.service()) && arn.resource().startsWith("storage-lens-group/")) {
            Kept.Entry e = kept.byArn(resourceArn);
            if (e == null || !e.account().equals(account)) {
                throw StorageLens.noSuchConfiguration();
            }
            return new Tagged(e.arn(), () -> kept.record(e));
        }
        if ("s3".equals(arn.service()) && arn.resource().startsWith("access-grants/")) {
            Kept.Entry e = kept.byArn(resourceArn);
            if (e == null || !e.account().equals(account)) {
                throw resourceArn.contains("/location/") ? AccessGrants.locationMissing()
                        : resourceArn.contains("/grant/") ? AccessGrants.grantMissing() : AccessGrants.instanceMissing();
            }
            return new Tagged(e.arn(), () -> kept.record(e));
        }
        boolean point = ("s3".equals(arn.service()) || "s3express".equals(arn.service()))
                && arn.resource().startsWith("accesspoint/");
        if (!point) {
            throw new AwsException("NotImplemented", "Tagging " + resourceArn + " through S3 Control is not emulated "
                    + "by Gureum (only access points, Storage Lens groups and Access Grants resources are)", 501);
        }
        ControlState.AccessPoint p = state.byArn(resourceArn);
        if (p == null || !p.account().equals(account)) {
            throw ControlErrors.noSuchAccessPoint();
        }
        return new Tagged(p.arn(), () -> state.record(p));
    }

    private ControlState.AccessPoint require(String accountId, String name) {
        String account = ControlErrors.callerAccount(accountId);
        ControlState.AccessPoint p = state.point(account, RequestContext.current().region(), name);
        if (p == null) {
            throw ControlErrors.noSuchAccessPoint();
        }
        return p;
    }

    private static VpcConfiguration vpc(ControlState.AccessPoint p) {
        return p.vpcId() == null ? null : VpcConfiguration.builder().vpcId(p.vpcId()).build();
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ControlErrors.invalidRequest("The continuation token provided is incorrect");
        }
    }

    private static JsonNode parse(String policy) {
        try {
            JsonNode doc = policy == null ? null : JSON.readTree(policy);
            if (doc != null && doc.isObject()) {
                return doc;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw new AwsException("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'", 400);
    }

    static ControlState.Block block(PublicAccessBlockConfiguration c) {
        return new ControlState.Block(Boolean.TRUE.equals(c.blockPublicAcls()), Boolean.TRUE.equals(c.ignorePublicAcls()),
                Boolean.TRUE.equals(c.blockPublicPolicy()), Boolean.TRUE.equals(c.restrictPublicBuckets()));
    }

    static PublicAccessBlockConfiguration configuration(ControlState.Block b) {
        return PublicAccessBlockConfiguration.builder().blockPublicAcls(b.blockPublicAcls())
                .ignorePublicAcls(b.ignorePublicAcls()).blockPublicPolicy(b.blockPublicPolicy())
                .restrictPublicBuckets(b.restrictPublicBuckets()).build();
    }
}
