package io.gureum.s3.control;

import static io.gureum.s3.control.AccessPointsIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.junit5.GureumExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.AccessPoint;
import software.amazon.awssdk.services.s3control.model.CreateAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.ListAccessPointsForDirectoryBucketsResponse;
import software.amazon.awssdk.services.s3control.model.NetworkOrigin;
import software.amazon.awssdk.services.s3control.model.Scope;
import software.amazon.awssdk.services.s3control.model.ScopePermission;
import software.amazon.awssdk.services.s3control.model.Tag;

/**
 * Access points of directory buckets through the SDK's S3ControlClient: names {@code <base>--<zone-id>--xa-s3},
 * s3express ARNs, Scope (get, put, delete, its limits), policies, listing by directory bucket with pagination, and
 * the errors for names, zones, general purpose buckets and missing access points.
 */
class DirectoryAccessPointsIT {
    static final String ACCOUNT = "000000000000";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    static Gureum gureum;
    static S3ControlClient control;
    static S3Client s3;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        control = ControlClients.control(gureum, "test", "us-east-1");
        s3 = ControlClients.s3(gureum, "test", "us-east-1");
    }

    @AfterAll
    static void stop() {
        control.close();
        s3.close();
    }

    /** A new directory bucket in the zone, made through S3 as the account's root (in-process). */
    static String directoryBucket(String zone) {
        String name = "d" + UUID.randomUUID().toString().substring(0, 8) + "--" + zone + "--x-s3";
        gureum.context().clients().client(S3Client.class, io.gureum.core.spi.Caller.root(ACCOUNT, "us-east-1"))
                .createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.location(l -> l
                        .type("AvailabilityZone").name(zone)).bucket(x -> x.type("Directory"))));
        return name;
    }

    static String base() {
        return "ap" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createGetScopePolicyListAndDelete() {
        String bucket = directoryBucket("use1-az4");
        String name = base() + "--use1-az4--xa-s3";
        CreateAccessPointResponse created = control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name)
                .bucket(bucket).scope(s -> s.prefixes("logs/", "data/*").permissions(ScopePermission.GET_OBJECT,
                        ScopePermission.LIST_BUCKET))
                .tags(Tag.builder().key("team").value("a").build()));
        String arn = "arn:aws:s3express:us-east-1:" + ACCOUNT + ":accesspoint/" + name;
        assertEquals(arn, created.accessPointArn());
        assertEquals(name, created.alias());

        GetAccessPointResponse got = control.getAccessPoint(r -> r.accountId(ACCOUNT).name(name));
        assertEquals(bucket, got.bucket());
        assertEquals(arn, got.accessPointArn());
        assertEquals(NetworkOrigin.INTERNET, got.networkOrigin());
        assertEquals(ACCOUNT, got.bucketAccountId());
        assertTrue(got.publicAccessBlockConfiguration().blockPublicPolicy());

        Scope scope = control.getAccessPointScope(r -> r.accountId(ACCOUNT).name(name)).scope();
        assertEquals(List.of("logs/", "data/*"), scope.prefixes());
        assertEquals(List.of(ScopePermission.GET_OBJECT, ScopePermission.LIST_BUCKET), scope.permissions());
        control.putAccessPointScope(r -> r.accountId(ACCOUNT).name(name).scope(s -> s.prefixes("only/")
                .permissions(ScopePermission.PUT_OBJECT)));
        scope = control.getAccessPointScope(r -> r.accountId(ACCOUNT).name(name)).scope();
        assertEquals(List.of("only/"), scope.prefixes());
        assertEquals(List.of(ScopePermission.PUT_OBJECT), scope.permissions());
        control.deleteAccessPointScope(r -> r.accountId(ACCOUNT).name(name));
        scope = control.getAccessPointScope(r -> r.accountId(ACCOUNT).name(name)).scope();
        assertTrue(scope.prefixes().isEmpty() && scope.permissions().isEmpty(), scope.toString());

        // Policies as on any access point; a public one is refused (Block Public Access is on).
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"s3express:CreateSession\",\"Resource\":\""
                + arn + "\"}]}";
        control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name).policy(policy));
        assertEquals(policy, control.getAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name)).policy());
        assertError("AccessDenied", 403, () -> control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name)
                .policy(policy.replace("{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"}", "\"*\""))));
        control.deleteAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name));
        assertError("NoSuchAccessPointPolicy", 404,
                () -> control.getAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name)));

        // Tags by its s3express ARN.
        control.tagResource(r -> r.accountId(ACCOUNT).resourceArn(arn).tags(Tag.builder().key("env").value("dev")
                .build()));
        assertEquals(Map.of("team", "a", "env", "dev"), control.listTagsForResource(r -> r.accountId(ACCOUNT)
                .resourceArn(arn)).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)));

        // Listed for its directory bucket, not among general purpose buckets' access points.
        List<AccessPoint> listed = control.listAccessPointsForDirectoryBuckets(r -> r.accountId(ACCOUNT)
                .directoryBucket(bucket)).accessPointList();
        assertEquals(List.of(name), listed.stream().map(AccessPoint::name).toList());
        assertEquals(arn, listed.get(0).accessPointArn());
        assertTrue(control.listAccessPoints(r -> r.accountId(ACCOUNT)).accessPointList().stream()
                .noneMatch(p -> p.name().equals(name)));

        // Requests through it are not served: S3 does not resolve its name (the page says so).
        S3Client direct = gureum.context().clients().client(S3Client.class,
                io.gureum.core.spi.Caller.root(ACCOUNT, "us-east-1"));
        software.amazon.awssdk.awscore.exception.AwsServiceException unresolved = org.junit.jupiter.api.Assertions
                .assertThrows(software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                        () -> direct.listObjectsV2(l -> l.bucket(name)));
        assertEquals(404, unresolved.statusCode(), unresolved.getMessage());

        assertError("AccessPointAlreadyOwnedByYou", 409,
                () -> control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket(bucket)));
        control.deleteAccessPoint(r -> r.accountId(ACCOUNT).name(name));
        assertError("NoSuchAccessPoint", 404, () -> control.getAccessPoint(r -> r.accountId(ACCOUNT).name(name)));
        assertError("NoSuchAccessPoint", 404,
                () -> control.getAccessPointScope(r -> r.accountId(ACCOUNT).name(name)));
        assertTrue(control.listAccessPointsForDirectoryBuckets(r -> r.accountId(ACCOUNT).directoryBucket(bucket))
                .accessPointList().isEmpty());
    }

    @Test
    void listingPagesByName() {
        String bucket = directoryBucket("use1-az5");
        String other = directoryBucket("use1-az5");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "p" + i + base() + "--use1-az5--xa-s3";
            names.add(name);
            control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket(bucket)
                    .vpcConfiguration(v -> v.vpcId("vpc-0123456789abcdef0")));
        }
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name(base() + "--use1-az5--xa-s3").bucket(other));
        names.sort(null);
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            ListAccessPointsForDirectoryBucketsResponse page = control.listAccessPointsForDirectoryBuckets(r -> r
                    .accountId(ACCOUNT).directoryBucket(bucket).maxResults(2).nextToken(t));
            assertTrue(page.accessPointList().size() <= 2);
            page.accessPointList().forEach(p -> {
                assertEquals(NetworkOrigin.VPC, p.networkOrigin());
                assertEquals("vpc-0123456789abcdef0", p.vpcConfiguration().vpcId());
            });
            page.accessPointList().forEach(p -> seen.add(p.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(names, seen);
        assertEquals(3, pages);
        assertEquals(6, control.listAccessPointsForDirectoryBuckets(r -> r.accountId(ACCOUNT)).accessPointList()
                .stream().filter(p -> p.bucket().equals(bucket) || p.bucket().equals(other)).count());
        assertError("InvalidRequest", 400, () -> control.listAccessPointsForDirectoryBuckets(r -> r.accountId(ACCOUNT)
                .nextToken("%%%")));
    }

    @Test
    void namesZonesScopesAndBucketsAreChecked() {
        String bucket = directoryBucket("use1-az4");
        // The zone must be the bucket's; the base 3 to 50 characters; the suffix --xa-s3.
        assertError("InvalidRequest", 400, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT)
                .name(base() + "--use1-az5--xa-s3").bucket(bucket)));
        assertError("InvalidRequest", 400, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT)
                .name("ab--use1-az4--xa-s3").bucket(bucket)));
        assertError("InvalidRequest", 400, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT)
                .name("a".repeat(51) + "--use1-az4--xa-s3").bucket(bucket)));
        assertError("InvalidRequest", 400, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT)
                .name(base()).bucket(bucket)));
        assertError("InvalidRequest", 400, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT)
                .name("-" + base() + "--use1-az4--xa-s3").bucket(bucket)));
        // Prefixes of 256 bytes or more together, and an unknown permission.
        assertError("InvalidRequest", 400, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT)
                .name(base() + "--use1-az4--xa-s3").bucket(bucket).scope(s -> s.prefixes("a".repeat(200),
                        "b".repeat(56)))));
        assertError("InvalidRequest", 400, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT)
                .name(base() + "--use1-az4--xa-s3").bucket(bucket).scope(s -> s.permissionsWithStrings("GetBucket"))));
        // A base of 50 characters fits (the whole name is longer than a general purpose access point's may be).
        String longest = "l" + "x".repeat(39) + base() + "--use1-az4--xa-s3";
        assertEquals(50 + "--use1-az4--xa-s3".length(), longest.length());
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name(longest).bucket(bucket));
        assertEquals(bucket, control.getAccessPoint(r -> r.accountId(ACCOUNT).name(longest)).bucket());
        String fits = base() + "--use1-az4--xa-s3";
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name(fits).bucket(bucket).scope(s -> s.prefixes(
                "a".repeat(200), "b".repeat(55))));
        assertError("InvalidRequest", 400, () -> control.putAccessPointScope(r -> r.accountId(ACCOUNT).name(fits)
                .scope(s -> s.prefixes("c".repeat(256)))));
        assertEquals(2, control.getAccessPointScope(r -> r.accountId(ACCOUNT).name(fits)).scope().prefixes().size());
        // A missing directory bucket.
        assertError("NoSuchBucket", 404, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT)
                .name(base() + "--use1-az4--xa-s3").bucket("missing" + base() + "--use1-az4--x-s3")));

        // A general purpose bucket takes no --xa-s3 name and no Scope; its access points have no scope.
        String general = "b-" + UUID.randomUUID().toString().substring(0, 12);
        s3.createBucket(b -> b.bucket(general));
        assertError("InvalidRequest", 400, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT)
                .name(base() + "--use1-az4--xa-s3").bucket(general)));
        assertError("InvalidRequest", 400, () -> control.createAccessPoint(r -> r.accountId(ACCOUNT)
                .name(base()).bucket(general).scope(s -> s.prefixes("x/"))));
        String plain = base();
        control.createAccessPoint(r -> r.accountId(ACCOUNT).name(plain).bucket(general));
        assertError("InvalidRequest", 400, () -> control.getAccessPointScope(r -> r.accountId(ACCOUNT).name(plain)));
        assertError("InvalidRequest", 400, () -> control.putAccessPointScope(r -> r.accountId(ACCOUNT).name(plain)
                .scope(s -> s.prefixes("x/"))));
        assertFalse(control.listAccessPointsForDirectoryBuckets(r -> r.accountId(ACCOUNT)).accessPointList().stream()
                .anyMatch(p -> p.name().equals(plain)));
        // Another account's ID is refused, as for every S3 Control call.
        assertError("AccessDenied", 403,
                () -> control.listAccessPointsForDirectoryBuckets(r -> r.accountId("111111111111")));
    }
}
