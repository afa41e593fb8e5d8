package io.gureum.s3.control;

import io.gureum.core.ids.Arn;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What S3 Control keeps and S3 reads on one server: each account's Block Public Access settings and the
 * access points, kept in core's {@link io.gureum.core.spi.SharedState}. S3 Control makes a fresh one when it
 * is created and when it is reset; S3 looks up the current one at each call. Changes happen under this
 * object's lock and are recorded for {@code --data-dir} as they happen: kind {@code block} per account,
 * kind {@code accesspoint} per account, region and name (with its tags).
 */
public final class ControlState {
    static final String SERVICE = "s3control";
    static final String BLOCK = "block";
    static final String ACCESS_POINT = "accesspoint";
    static final String OBJECT_LAMBDA = "objectlambdaaccesspoint";

    /** An account's (or an access point's) four Block Public Access settings. */
    public record Block(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
            boolean restrictPublicBuckets) {
        /** Each setting on when either turns it on; null when both are null. */
        public static Block either(Block a, Block b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            return new Block(a.blockPublicAcls || b.blockPublicAcls, a.ignorePublicAcls || b.ignorePublicAcls,
                    a.blockPublicPolicy || b.blockPublicPolicy, a.restrictPublicBuckets || b.restrictPublicBuckets);
        }
    }

    /**
     * One access point; replaced as a whole on every change. An access point of a directory bucket has its
     * bucket's {@code zone} (null for a general purpose bucket's) and may have a {@code scope}.
     */
    public record AccessPoint(String name, String account, String region, String bucket, String bucketAccount,
            String alias, String arn, String vpcId, Block block, String policy, Instant created,
            Map<String, String> tags, String zone, PointScope scope) {
        public String networkOrigin() {
            return vpcId == null ? "Internet" : "VPC";
        }

        /** Whether this is an access point of a directory bucket ({@code <base>--<zone-id>--xa-s3}). */
        public boolean directory() {
            return zone != null;
        }

        AccessPoint withPolicy(String p) {
            return new AccessPoint(name, account, region, bucket, bucketAccount, alias, arn, vpcId, block, p, created,
                    tags, zone, scope);
        }

        AccessPoint withTags(Map<String, String> t) {
            return new AccessPoint(name, account, region, bucket, bucketAccount, alias, arn, vpcId, block, policy,
                    created, t, zone, scope);
        }

        AccessPoint withScope(PointScope s) {
            return new AccessPoint(name, account, region, bucket, bucketAccount, alias, arn, vpcId, block, policy,
                    created, tags, zone, s);
        }
    }

    /** The scope of a directory bucket's access point: prefixes and permissions (each list may be empty). */
    public record PointScope(List<String> prefixes, List<String> permissions) {
    }

    /**
     * One Object Lambda access point: its configuration as the SDK's {@code ObjectLambdaConfiguration} in JSON
     * ({@link io.gureum.core.persist.SdkJson}), its alias ({@code <name prefix>-<random>--ol-s3}) and policy.
     */
    public record ObjectLambdaPoint(String name, String account, String region, String arn, String alias,
            com.fasterxml.jackson.databind.JsonNode configuration, String policy, Instant created) {
        /** The configuration as the SDK's shape. */
        public software.amazon.awssdk.services.s3control.model.ObjectLambdaConfiguration config() {
            return io.gureum.core.persist.SdkJson.fromJson(configuration,
                    software.amazon.awssdk.services.s3control.model.ObjectLambdaConfiguration.class);
        }

        ObjectLambdaPoint withConfiguration(com.fasterxml.jackson.databind.JsonNode c) {
            return new ObjectLambdaPoint(name, account, region, arn, alias, c, policy, created);
        }

        ObjectLambdaPoint withPolicy(String p) {
            return new ObjectLambdaPoint(name, account, region, arn, alias, configuration, p, created);
        }
    }

    final ServiceContext context;
    /** Object Lambda access points by account, region and name ({@link #key}). */
    private final Map<String, ObjectLambdaPoint> lambdaPoints = new TreeMap<>();
    private final Map<String, ObjectLambdaPoint> lambdaByAlias = new ConcurrentHashMap<>();
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();
    /** By account, region and name ({@link #key}); sorted so that listing pages are stable. */
    private final Map<String, AccessPoint> points = new TreeMap<>();
    private final Map<String, AccessPoint> byAlias = new ConcurrentHashMap<>();

    private ControlState(ServiceContext context) {
        this.context = context;
    }

    /** Empty state, made the current one (S3 Control's, on create and on reset). */
    static ControlState fresh(ServiceContext context) {
        return context.shared().replace(ControlState.class, new ControlState(context));
    }

    /** An empty state that is not yet current (what S3 sees after S3 Control's instance closed). */
    static ControlState empty(ServiceContext context) {
        return new ControlState(context);
    }

    /** The current state (for S3): S3 Control's, or an empty one before S3 Control's first use. */
    public static ControlState current(ServiceContext context) {
        return context.shared().get(ControlState.class, () -> new ControlState(context));
    }

    /** The account's Block Public Access settings, or null when it has none. */
    public Block block(String account) {
        return account == null ? null : blocks.get(account);
    }

    /** The bucket an access point alias ({@code name-…-s3alias}) stands for, or null. */
    public String bucketOfAlias(String alias) {
        if (alias == null || !alias.endsWith("-s3alias")) {
            return null;
        }
        AccessPoint p = byAlias.get(alias);
        return p == null || p.directory() ? null : p.bucket();
    }

    private static final java.util.regex.Pattern NAME_ACCOUNT = java.util.regex.Pattern.compile("(.+)-(\\d{12})");

    /**
     * The bucket a request's bucket name stands for when no bucket has that name: an access point alias, or
     * {@code <name>-<account>}, the first label of the host the SDKs send a request addressed by an access point
     * ARN to ({@code https://{accessPointName}-{accountId}.{endpoint host}}), an access point of that account in
     * the request's {@code region}. Null when neither.
     */
    public String bucketFor(String name, String region) {
        AccessPoint p = pointFor(name, region);
        return p == null ? null : p.bucket();
    }

    /** The access point a request's bucket name stands for (its alias or ARN host label, {@link #bucketFor}), or null. */
    public AccessPoint pointFor(String name, String region) {
        if (name == null) {
            return null;
        }
        if (name.endsWith("-s3alias")) {
            return byAlias.get(name);
        }
        ObjectLambdaPoint lambda = objectLambdaFor(name, region);
        if (lambda != null) { // a request through it that no function transforms: its supporting access point's
            return byArn(lambda.config().supportingAccessPoint());
        }
        if (region == null) {
            return null;
        }
        java.util.regex.Matcher m = NAME_ACCOUNT.matcher(name);
        AccessPoint p = m.matches() ? point(m.group(2), region, m.group(1)) : null;
        return p == null || p.directory() ? null : p; // requests through a directory bucket's are not served
    }

    /**
     * The Object Lambda access point a request's bucket name stands for, or null: its alias ({@code …--ol-s3}),
     * or {@code <name>-<account>}, the host label the SDKs send a request addressed by its ARN to
     * ({@code <name>-<account>.s3-object-lambda.<region>.amazonaws.com}), when the request is signed for
     * {@code s3-object-lambda} (a standard access point may have the same name).
     */
    public ObjectLambdaPoint objectLambdaFor(String name, String region) {
        if (name == null) {
            return null;
        }
        if (name.endsWith("--ol-s3")) {
            return lambdaByAlias.get(name);
        }
        if (region == null || !signedForObjectLambda()) {
            return null;
        }
        java.util.regex.Matcher m = NAME_ACCOUNT.matcher(name);
        return m.matches() ? objectLambda(m.group(2), region, m.group(1)) : null;
    }

    private static boolean signedForObjectLambda() {
        io.gureum.core.protocol.RequestContext ctx = io.gureum.core.protocol.RequestContext.currentOrNull();
        io.gureum.core.http.AwsHttpRequest http = ctx == null ? null : ctx.httpRequest();
        return http != null && signedForObjectLambda(http);
    }

    /** Whether a request is signed (header or query) with the signing name {@code s3-object-lambda}. */
    public static boolean signedForObjectLambda(io.gureum.core.http.AwsHttpRequest http) {
        String auth = http.header("Authorization");
        String credential = auth != null ? auth : http.queryParameter("X-Amz-Credential");
        return credential != null && credential.contains("/s3-object-lambda/aws4_request");
    }

    /** The Object Lambda access point of an ARN, or null. */
    public synchronized ObjectLambdaPoint objectLambdaByArn(String arn) {
        for (ObjectLambdaPoint p : lambdaPoints.values()) {
            if (p.arn().equals(arn)) {
                return p;
            }
        }
        return null;
    }

    synchronized ObjectLambdaPoint objectLambda(String account, String region, String name) {
        return lambdaPoints.get(key(account, region, name));
    }

    synchronized List<ObjectLambdaPoint> objectLambdas(String account, String region) {
        List<ObjectLambdaPoint> out = new ArrayList<>();
        for (ObjectLambdaPoint p : lambdaPoints.values()) {
            if (p.account().equals(account) && p.region().equals(region)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Stores a new or changed Object Lambda access point (registering a new one with core's registry). */
    synchronized void put(ObjectLambdaPoint p) {
        ObjectLambdaPoint before = lambdaPoints.put(key(p.account(), p.region(), p.name()), p);
        lambdaByAlias.put(p.alias(), p);
        if (before == null) {
            context.registry().register(p.account(), p.region(), SERVICE, p.alias(), Arn.parse(p.arn()), Map.of());
        }
        context.state().put(SERVICE, p.account(), p.region(), OBJECT_LAMBDA, p.name(), p);
    }

    synchronized void remove(ObjectLambdaPoint p) {
        lambdaPoints.remove(key(p.account(), p.region(), p.name()));
        lambdaByAlias.remove(p.alias());
        context.registry().unregister(Arn.parse(p.arn()));
        context.state().delete(SERVICE, p.account(), p.region(), OBJECT_LAMBDA, p.name());
    }

    synchronized void putBlock(String account, Block block) {
        blocks.put(account, block);
        context.state().put(SERVICE, account, "", BLOCK, account, block);
    }

    synchronized boolean deleteBlock(String account) {
        boolean had = blocks.remove(account) != null;
        context.state().delete(SERVICE, account, "", BLOCK, account);
        return had;
    }

    static String key(String account, String region, String name) {
        return account + "\u0000" + region + "\u0000" + name;
    }

    synchronized AccessPoint point(String account, String region, String name) {
        return points.get(key(account, region, name));
    }

    /** Stores a new or changed access point (registering a new one with core's registry). */
    synchronized void put(AccessPoint p) {
        AccessPoint before = points.put(key(p.account(), p.region(), p.name()), p);
        byAlias.put(p.alias(), p);
        if (before == null) {
            context.registry().register(p.account(), p.region(), SERVICE, p.alias(), Arn.parse(p.arn()), p.tags());
        }
        record(p);
    }

    /** Records an access point with the tags core's registry now holds for it. */
    synchronized void record(AccessPoint p) {
        AccessPoint withTags = p.withTags(Map.copyOf(context.registry().tags(Arn.parse(p.arn()))));
        context.state().put(SERVICE, p.account(), p.region(), ACCESS_POINT, p.name(), withTags);
    }

    synchronized void remove(AccessPoint p) {
        points.remove(key(p.account(), p.region(), p.name()));
        byAlias.remove(p.alias());
        context.registry().unregister(Arn.parse(p.arn()));
        context.state().delete(SERVICE, p.account(), p.region(), ACCESS_POINT, p.name());
    }

    /** The account's access points in one region, by name. */
    synchronized List<AccessPoint> points(String account, String region) {
        List<AccessPoint> out = new ArrayList<>();
        for (AccessPoint p : points.values()) {
            if (p.account().equals(account) && p.region().equals(region)) {
                out.add(p);
            }
        }
        return out;
    }

    public synchronized AccessPoint byArn(String arn) {
        for (AccessPoint p : points.values()) {
            if (p.arn().equals(arn)) {
                return p;
            }
        }
        return null;
    }

    synchronized void restore(List<StateRecord> records) {
        for (StateRecord r : records) {
            if (BLOCK.equals(r.kind())) {
                blocks.put(r.account(), r.value(Block.class));
            } else if (ACCESS_POINT.equals(r.kind())) {
                AccessPoint p = r.value(AccessPoint.class);
                points.put(key(p.account(), p.region(), p.name()), p);
                byAlias.put(p.alias(), p);
                context.registry().register(p.account(), p.region(), SERVICE, p.alias(), Arn.parse(p.arn()),
                        p.tags() == null ? Map.of() : p.tags());
            } else if (OBJECT_LAMBDA.equals(r.kind())) {
                ObjectLambdaPoint p = r.value(ObjectLambdaPoint.class);
                lambdaPoints.put(key(p.account(), p.region(), p.name()), p);
                lambdaByAlias.put(p.alias(), p);
                context.registry().register(p.account(), p.region(), SERVICE, p.alias(), Arn.parse(p.arn()), Map.of());
            }
        }
    }

    synchronized void capture(Consumer<StateRecord> sink) {
        blocks.forEach((account, b) -> sink.accept(StateRecord.of(SERVICE, account, "", BLOCK, account, b)));
        for (AccessPoint p : points.values()) {
            AccessPoint withTags = p.withTags(Map.copyOf(context.registry().tags(Arn.parse(p.arn()))));
            sink.accept(StateRecord.of(SERVICE, p.account(), p.region(), ACCESS_POINT, p.name(), withTags));
        }
        for (ObjectLambdaPoint p : lambdaPoints.values()) {
            sink.accept(StateRecord.of(SERVICE, p.account(), p.region(), OBJECT_LAMBDA, p.name(), p));
        }
    }
}
