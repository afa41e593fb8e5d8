package io.gureum.s3.control;

import static io.gureum.s3.control.StorageLensIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.junit5.GureumExtension;
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
import software.amazon.awssdk.services.s3control.model.AsyncOperation;
import software.amazon.awssdk.services.s3control.model.MultiRegionAccessPointReport;
import software.amazon.awssdk.services.s3control.model.MultiRegionAccessPointRoute;
import software.amazon.awssdk.services.s3control.model.MultiRegionAccessPointStatus;
import software.amazon.awssdk.services.s3control.model.Region;

/** Multi-Region Access Points: asynchronous create, delete and policy requests, reads, routes. */
class MultiRegionAccessPointsIT {
    static final String ACCOUNT = "000000000000";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    static Gureum gureum;
    static S3ControlClient control;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        control = ControlClients.control(gureum, "test", "us-west-2");
    }

    @AfterAll
    static void stop() {
        control.close();
    }

    static String bucket(String region) {
        String name = "mrap-" + UUID.randomUUID().toString().substring(0, 12);
        try (S3Client s3 = ControlClients.s3(gureum, "test", region)) {
            s3.createBucket(b -> b.bucket(name).createBucketConfiguration(region.equals("us-east-1") ? null
                    : software.amazon.awssdk.services.s3.model.CreateBucketConfiguration.builder()
                            .locationConstraint(region).build()));
        }
        return name;
    }

    static AsyncOperation describe(String token) {
        return control.describeMultiRegionAccessPointOperation(r -> r.accountId(ACCOUNT).requestTokenARN(token))
                .asyncOperation();
    }

    static String create(String name, String... buckets) {
        List<Region> regions = java.util.Arrays.stream(buckets).map(b -> Region.builder().bucket(b).build()).toList();
        return control.createMultiRegionAccessPoint(r -> r.accountId(ACCOUNT).clientToken(UUID.randomUUID().toString())
                .details(d -> d.name(name).regions(regions))).requestTokenARN();
    }

    @Test
    void createdReadListedRoutedAndDeleted() {
        String east = bucket("us-east-1");
        String west = bucket("eu-west-1");
        String name = "mrap-" + UUID.randomUUID().toString().substring(0, 8);
        String clientToken = UUID.randomUUID().toString();
        String token = control.createMultiRegionAccessPoint(r -> r.accountId(ACCOUNT).clientToken(clientToken)
                .details(d -> d.name(name).regions(Region.builder().bucket(east).build(),
                        Region.builder().bucket(west).build()))).requestTokenARN();
        assertTrue(token.startsWith("arn:aws:s3:us-west-2:" + ACCOUNT + ":async-request/mrap/create/"), token);
        assertEquals(token, control.createMultiRegionAccessPoint(r -> r.accountId(ACCOUNT).clientToken(clientToken)
                .details(d -> d.name(name).regions(Region.builder().bucket(east).build()))).requestTokenARN(),
                "the same client token answers the same request");
        AsyncOperation op = describe(token);
        assertEquals("SUCCEEDED", op.requestStatus());
        assertEquals("CreateMultiRegionAccessPoint", op.operationAsString());
        assertEquals(name, op.requestParameters().createMultiRegionAccessPointRequest().name());
        assertEquals(List.of("us-east-1", "eu-west-1"), op.responseDetails().multiRegionAccessPointDetails().regions()
                .stream().map(r -> r.name()).toList());

        MultiRegionAccessPointReport mrap = control.getMultiRegionAccessPoint(r -> r.accountId(ACCOUNT).name(name))
                .accessPoint();
        assertEquals(MultiRegionAccessPointStatus.READY, mrap.status());
        assertTrue(mrap.alias().endsWith(".mrap"), mrap.alias());
        assertTrue(mrap.publicAccessBlock().blockPublicPolicy());
        assertEquals(Map.of(east, "us-east-1", west, "eu-west-1"), mrap.regions().stream()
                .collect(Collectors.toMap(r -> r.bucket(), r -> r.region())));
        assertTrue(control.listMultiRegionAccessPoints(r -> r.accountId(ACCOUNT)).accessPoints().stream()
                .anyMatch(a -> a.name().equals(name)));

        String arn = "arn:aws:s3::" + ACCOUNT + ":accesspoint/" + mrap.alias();
        assertEquals(List.of(100, 100), control.getMultiRegionAccessPointRoutes(r -> r.accountId(ACCOUNT).mrap(arn))
                .routes().stream().map(MultiRegionAccessPointRoute::trafficDialPercentage).toList());
        control.submitMultiRegionAccessPointRoutes(r -> r.accountId(ACCOUNT).mrap(arn).routeUpdates(
                MultiRegionAccessPointRoute.builder().region("eu-west-1").trafficDialPercentage(0).build()));
        assertEquals(Map.of("us-east-1", 100, "eu-west-1", 0), control.getMultiRegionAccessPointRoutes(r -> r
                .accountId(ACCOUNT).mrap(mrap.alias())).routes().stream().collect(Collectors.toMap(
                        MultiRegionAccessPointRoute::region, MultiRegionAccessPointRoute::trafficDialPercentage)));
        assertError("InvalidRequest", 400, () -> control.submitMultiRegionAccessPointRoutes(r -> r.accountId(ACCOUNT)
                .mrap(arn).routeUpdates(MultiRegionAccessPointRoute.builder().region("eu-west-1")
                        .trafficDialPercentage(50).build())));

        String deleted = control.deleteMultiRegionAccessPoint(r -> r.accountId(ACCOUNT)
                .clientToken(UUID.randomUUID().toString()).details(d -> d.name(name))).requestTokenARN();
        assertEquals("SUCCEEDED", describe(deleted).requestStatus());
        assertError("NoSuchMultiRegionAccessPoint", 404, () -> control.getMultiRegionAccessPoint(r -> r
                .accountId(ACCOUNT).name(name)));
        String again = control.deleteMultiRegionAccessPoint(r -> r.accountId(ACCOUNT)
                .clientToken(UUID.randomUUID().toString()).details(d -> d.name(name))).requestTokenARN();
        assertEquals("NoSuchMultiRegionAccessPoint", describe(again).responseDetails().errorDetails().code());
        assertError("NoSuchAsyncRequest", 404, () -> describe(token.replace("/create/", "/delete/")));
    }

    @Test
    void failuresAreTheOperationsOutcome() {
        String east = bucket("us-east-1");
        String east2 = bucket("us-east-1");
        String name = "mrap-" + UUID.randomUUID().toString().substring(0, 8);
        AsyncOperation sameRegion = describe(create(name, east, east2));
        assertEquals("FAILED", sameRegion.requestStatus());
        assertEquals("MultiRegionAccessPointSameBucketRegion", sameRegion.responseDetails().errorDetails().code());
        assertNull(sameRegion.responseDetails().multiRegionAccessPointDetails());
        assertEquals("NoSuchBucket", describe(create(name, "no-such-bucket-" + UUID.randomUUID()))
                .responseDetails().errorDetails().code());
        assertEquals("SUCCEEDED", describe(create(name, east)).requestStatus());
        assertEquals("MultiRegionAccessPointAlreadyOwnedByYou", describe(create(name, east2)).responseDetails()
                .errorDetails().code());
    }

    @Test
    void policies() {
        String name = "mrap-" + UUID.randomUUID().toString().substring(0, 8);
        describe(create(name, bucket("us-east-1")));
        assertNull(control.getMultiRegionAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name)).policy()
                .established());
        String open = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        String own = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        assertEquals("AccessDenied", describe(put(name, open)).responseDetails().errorDetails().code(),
                "the access point's BlockPublicPolicy (on by default) refuses a public policy");
        assertEquals("MalformedPolicy", describe(put(name, "[1]")).responseDetails().errorDetails().code());
        assertEquals("SUCCEEDED", describe(put(name, own)).requestStatus());
        assertEquals(own, control.getMultiRegionAccessPointPolicy(r -> r.accountId(ACCOUNT).name(name)).policy()
                .established().policy());
        assertEquals(false, control.getMultiRegionAccessPointPolicyStatus(r -> r.accountId(ACCOUNT).name(name))
                .established().isPublic());
        assertError("NoSuchMultiRegionAccessPoint", 404, () -> control.getMultiRegionAccessPointPolicy(r -> r
                .accountId(ACCOUNT).name("absent")));
    }

    static String put(String name, String policy) {
        return control.putMultiRegionAccessPointPolicy(r -> r.accountId(ACCOUNT).clientToken(UUID.randomUUID()
                .toString()).details(d -> d.name(name).policy(policy))).requestTokenARN();
    }
}
