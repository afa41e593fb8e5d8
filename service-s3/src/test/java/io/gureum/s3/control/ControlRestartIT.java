package io.gureum.s3.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.NoSuchPublicAccessBlockConfigurationException;
import software.amazon.awssdk.services.s3control.model.Tag;

/** The account's block and the access points (policy, tags, alias) after a restart on the same --data-dir. */
class ControlRestartIT {
    static final String ACCOUNT = "000000000000";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void blockAndAccessPointsSurviveARestart() throws Exception {
        String alias;
        String arn;
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        try (Gureum g = start(); S3ControlClient control = ControlClients.control(g, "test", "us-east-1");
                S3Client s3 = ControlClients.s3(g, "test", "us-east-1")) {
            s3.createBucket(b -> b.bucket("kept"));
            s3.deletePublicAccessBlock(b -> b.bucket("kept"));
            control.putPublicAccessBlock(r -> r.accountId(ACCOUNT).publicAccessBlockConfiguration(c -> c
                    .blockPublicPolicy(true)));
            var created = control.createAccessPoint(r -> r.accountId(ACCOUNT).name("kept-ap").bucket("kept")
                    .vpcConfiguration(v -> v.vpcId("vpc-0123456789abcdef0")).tags(Tag.builder().key("team")
                            .value("a").build()));
            alias = created.alias();
            arn = created.accessPointArn();
            control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name("kept-ap").policy(policy));
            control.tagResource(r -> r.accountId(ACCOUNT).resourceArn(arn).tags(Tag.builder().key("env").value("dev")
                    .build()));
            control.createAccessPoint(r -> r.accountId(ACCOUNT).name("gone-ap").bucket("kept"));
            control.deleteAccessPoint(r -> r.accountId(ACCOUNT).name("gone-ap"));
            s3.putObject(b -> b.bucket(alias).key("k"), RequestBody.fromString("v"));
            // An access point of a directory bucket, with its scope and policy.
            g.context().clients().client(S3Client.class, io.gureum.core.spi.Caller.root(ACCOUNT, "us-east-1"))
                    .createBucket(b -> b.bucket("kept--use1-az4--x-s3").createBucketConfiguration(c -> c
                            .location(l -> l.type("AvailabilityZone").name("use1-az4")).bucket(x -> x
                                    .type("Directory"))));
            control.createAccessPoint(r -> r.accountId(ACCOUNT).name("dir--use1-az4--xa-s3")
                    .bucket("kept--use1-az4--x-s3").scope(s -> s.prefixes("logs/").permissionsWithStrings("GetObject"))
                    .tags(Tag.builder().key("team").value("d").build()));
            control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name("dir--use1-az4--xa-s3").policy(policy));
        }
        try (Gureum g = start(); S3ControlClient control = ControlClients.control(g, "test", "us-east-1");
                S3Client s3 = ControlClients.s3(g, "test", "us-east-1")) {
            // S3 sees the account's block before S3 Control is called at all.
            String everyone = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::kept/*\"}]}";
            S3Exception denied = assertThrows(S3Exception.class,
                    () -> s3.putBucketPolicy(b -> b.bucket("kept").policy(everyone)));
            assertEquals(403, denied.statusCode());
            assertEquals("v", s3.getObjectAsBytes(b -> b.bucket(alias).key("k")).asUtf8String());

            assertTrue(control.getPublicAccessBlock(r -> r.accountId(ACCOUNT)).publicAccessBlockConfiguration()
                    .blockPublicPolicy());
            GetAccessPointResponse ap = control.getAccessPoint(r -> r.accountId(ACCOUNT).name("kept-ap"));
            assertEquals(alias, ap.alias());
            assertEquals("vpc-0123456789abcdef0", ap.vpcConfiguration().vpcId());
            assertEquals(policy, control.getAccessPointPolicy(r -> r.accountId(ACCOUNT).name("kept-ap")).policy());
            assertEquals(Map.of("team", "a", "env", "dev"), control.listTagsForResource(r -> r.accountId(ACCOUNT)
                    .resourceArn(arn)).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value)));
            assertEquals(1, control.listAccessPoints(r -> r.accountId(ACCOUNT)).accessPointList().size());
            var dir = control.listAccessPointsForDirectoryBuckets(r -> r.accountId(ACCOUNT)).accessPointList();
            assertEquals(1, dir.size());
            assertEquals("arn:aws:s3express:us-east-1:" + ACCOUNT + ":accesspoint/dir--use1-az4--xa-s3",
                    dir.get(0).accessPointArn());
            var scope = control.getAccessPointScope(r -> r.accountId(ACCOUNT).name("dir--use1-az4--xa-s3")).scope();
            assertEquals(java.util.List.of("logs/"), scope.prefixes());
            assertEquals(java.util.List.of("GetObject"), scope.permissionsAsStrings());
            assertEquals(policy, control.getAccessPointPolicy(r -> r.accountId(ACCOUNT).name("dir--use1-az4--xa-s3"))
                    .policy());
            assertEquals(Map.of("team", "d"), control.listTagsForResource(r -> r.accountId(ACCOUNT)
                    .resourceArn(dir.get(0).accessPointArn())).tags().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value)));

            control.deletePublicAccessBlock(r -> r.accountId(ACCOUNT));
        }
        try (Gureum g = start(); S3ControlClient control = ControlClients.control(g, "test", "us-east-1")) {
            assertThrows(NoSuchPublicAccessBlockConfigurationException.class,
                    () -> control.getPublicAccessBlock(r -> r.accountId(ACCOUNT)));
        }
    }

    /** Storage Lens configurations and groups, and the Access Grants instance, locations and grants, with tags. */
    @Test
    void storageLensAndAccessGrantsSurviveARestart() {
        String grantId;
        String grantArn;
        try (Gureum g = start(); S3ControlClient control = ControlClients.control(g, "test", "us-east-1")) {
            control.putStorageLensConfiguration(r -> r.accountId(ACCOUNT).configId("dash").storageLensConfiguration(c -> c
                    .id("dash").isEnabled(true).accountLevel(a -> a.bucketLevel(l -> { })))
                    .tags(software.amazon.awssdk.services.s3control.model.StorageLensTag.builder().key("t").value("1")
                            .build()));
            control.createStorageLensGroup(r -> r.accountId(ACCOUNT).storageLensGroup(s -> s.name("grp")
                    .filter(f -> f.matchAnyPrefix("logs/"))));
            control.createAccessGrantsInstance(r -> r.accountId(ACCOUNT));
            String location = control.createAccessGrantsLocation(r -> r.accountId(ACCOUNT)
                    .locationScope("s3://kept-data").iamRoleArn("arn:aws:iam::" + ACCOUNT + ":role/r"))
                    .accessGrantsLocationId();
            var grant = control.createAccessGrant(r -> r.accountId(ACCOUNT).accessGrantsLocationId(location)
                    .grantee(e -> e.granteeType("IAM").granteeIdentifier("arn:aws:iam::" + ACCOUNT + ":root"))
                    .permission("READ").tags(Tag.builder().key("env").value("dev").build()));
            grantId = grant.accessGrantId();
            grantArn = grant.accessGrantArn();
            try (S3Client s3 = ControlClients.s3(g, "test", "us-east-1")) {
                s3.createBucket(b -> b.bucket("kept-mrap"));
            }
            control.createMultiRegionAccessPoint(r -> r.accountId(ACCOUNT).clientToken("t1").details(d -> d
                    .name("kept-mrap").regions(software.amazon.awssdk.services.s3control.model.Region.builder()
                            .bucket("kept-mrap").build())));
        }
        try (Gureum g = start(); S3ControlClient control = ControlClients.control(g, "test", "us-east-1")) {
            assertTrue(control.getStorageLensConfiguration(r -> r.accountId(ACCOUNT).configId("dash"))
                    .storageLensConfiguration().isEnabled());
            assertEquals("1", control.getStorageLensConfigurationTagging(r -> r.accountId(ACCOUNT).configId("dash"))
                    .tags().get(0).value());
            assertEquals(java.util.List.of("logs/"), control.getStorageLensGroup(r -> r.accountId(ACCOUNT).name("grp"))
                    .storageLensGroup().filter().matchAnyPrefix());
            assertEquals("default", control.getAccessGrantsInstance(r -> r.accountId(ACCOUNT)).accessGrantsInstanceId());
            assertEquals("s3://kept-data/*", control.getAccessGrant(r -> r.accountId(ACCOUNT).accessGrantId(grantId))
                    .grantScope());
            assertEquals(Map.of("env", "dev"), AccessPointsIT.tagsOf(control, grantArn));
            assertEquals("kept-mrap", control.getMultiRegionAccessPoint(r -> r.accountId(ACCOUNT).name("kept-mrap"))
                    .accessPoint().regions().get(0).bucket());
        }
    }

    /** An Object Lambda access point (configuration, policy, alias) after a restart, its alias still reaching data. */
    @Test
    void objectLambdaAccessPointsSurviveARestart() {
        String alias;
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        var configuration = ObjectLambdaAccessPointsIT.configuration(
                "arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/ol-base", "GetObject");
        try (Gureum g = start(); S3ControlClient control = ControlClients.control(g, "test", "us-east-1");
                S3Client s3 = ControlClients.s3(g, "test", "us-east-1")) {
            s3.createBucket(b -> b.bucket("kept-ol"));
            control.createAccessPoint(r -> r.accountId(ACCOUNT).name("ol-base").bucket("kept-ol"));
            alias = control.createAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name("kept-ol")
                    .configuration(configuration)).alias().value();
            control.putAccessPointPolicyForObjectLambda(r -> r.accountId(ACCOUNT).name("kept-ol").policy(policy));
            control.createAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name("gone-ol")
                    .configuration(configuration));
            control.deleteAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name("gone-ol"));
            s3.putObject(b -> b.bucket(alias).key("k"), RequestBody.fromString("v"));
            // An access point of a directory bucket, with its scope and policy.
            g.context().clients().client(S3Client.class, io.gureum.core.spi.Caller.root(ACCOUNT, "us-east-1"))
                    .createBucket(b -> b.bucket("kept--use1-az4--x-s3").createBucketConfiguration(c -> c
                            .location(l -> l.type("AvailabilityZone").name("use1-az4")).bucket(x -> x
                                    .type("Directory"))));
            control.createAccessPoint(r -> r.accountId(ACCOUNT).name("dir--use1-az4--xa-s3")
                    .bucket("kept--use1-az4--x-s3").scope(s -> s.prefixes("logs/").permissionsWithStrings("GetObject"))
                    .tags(Tag.builder().key("team").value("d").build()));
            control.putAccessPointPolicy(r -> r.accountId(ACCOUNT).name("dir--use1-az4--xa-s3").policy(policy));
        }
        try (Gureum g = start(); S3ControlClient control = ControlClients.control(g, "test", "us-east-1");
                S3Client s3 = ControlClients.s3(g, "test", "us-east-1")) {
            assertEquals(1L, s3.headObject(b -> b.bucket(alias).key("k")).contentLength());
            assertEquals(alias, control.getAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name("kept-ol"))
                    .alias().value());
            assertEquals(configuration, control.getAccessPointConfigurationForObjectLambda(r -> r.accountId(ACCOUNT)
                    .name("kept-ol")).configuration());
            assertEquals(policy, control.getAccessPointPolicyForObjectLambda(r -> r.accountId(ACCOUNT)
                    .name("kept-ol")).policy());
            assertEquals(java.util.List.of("kept-ol"), control.listAccessPointsForObjectLambda(r -> r
                    .accountId(ACCOUNT)).objectLambdaAccessPointList().stream().map(p -> p.name()).toList());
        }
    }
}
