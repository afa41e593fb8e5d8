package io.gureum.s3.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.junit5.GureumExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateAccessPointForObjectLambdaResponse;
import software.amazon.awssdk.services.s3control.model.GetAccessPointForObjectLambdaResponse;
import software.amazon.awssdk.services.s3control.model.ListAccessPointsForObjectLambdaResponse;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaAccessPointAliasStatus;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaConfiguration;
import software.amazon.awssdk.services.s3control.model.ObjectLambdaTransformationConfiguration;

/**
 * S3 Object Lambda access points through S3 Control (create, get, list, configuration, policy, delete and their
 * refusals) and the requests through them that no function transforms (passed to the supporting access point).
 * A server without Lambda answers a transformed request 501; the function's side is in service-lambda's
 * ObjectLambdaIT.
 */
class ObjectLambdaAccessPointsIT {
    static final String ACCOUNT = AccessPointsIT.ACCOUNT;
    static final String FUNCTION = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:transform";

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

    /** A bucket and a standard access point on it: the supporting access point's ARN. */
    static String supporting() {
        String bucket = "b-" + UUID.randomUUID().toString().substring(0, 12);
        s3.createBucket(b -> b.bucket(bucket));
        String name = "ap-" + UUID.randomUUID().toString().substring(0, 8);
        return control.createAccessPoint(r -> r.accountId(ACCOUNT).name(name).bucket(bucket)).accessPointArn();
    }

    static String bucketOf(String supportingArn) {
        String name = supportingArn.substring(supportingArn.lastIndexOf('/') + 1);
        return control.getAccessPoint(r -> r.accountId(ACCOUNT).name(name)).bucket();
    }

    static ObjectLambdaConfiguration configuration(String supportingArn, String... actions) {
        return ObjectLambdaConfiguration.builder().supportingAccessPoint(supportingArn)
                .cloudWatchMetricsEnabled(true).allowedFeaturesWithStrings("GetObject-Range")
                .transformationConfigurations(ObjectLambdaTransformationConfiguration.builder()
                        .actionsWithStrings(actions).contentTransformation(c -> c.awsLambda(l -> l
                                .functionArn(FUNCTION).functionPayload("{\"mode\":\"upper\"}"))).build())
                .build();
    }

    static String newName() {
        return "ol-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createGetListConfigureDelete() {
        String supporting = supporting();
        String name = newName();
        CreateAccessPointForObjectLambdaResponse created = control.createAccessPointForObjectLambda(r -> r
                .accountId(ACCOUNT).name(name).configuration(configuration(supporting, "GetObject")));
        assertEquals("arn:aws:s3-object-lambda:us-east-1:" + ACCOUNT + ":accesspoint/" + name,
                created.objectLambdaAccessPointArn());
        assertTrue(created.alias().value().matches(name + "-[0-9a-f]{30}--ol-s3"), created.alias().value());
        assertEquals(ObjectLambdaAccessPointAliasStatus.READY, created.alias().status());

        GetAccessPointForObjectLambdaResponse got = control.getAccessPointForObjectLambda(r -> r.accountId(ACCOUNT)
                .name(name));
        assertEquals(name, got.name());
        assertEquals(created.alias(), got.alias());
        assertNotNull(got.creationDate());
        assertTrue(got.publicAccessBlockConfiguration().blockPublicAcls());
        assertTrue(got.publicAccessBlockConfiguration().restrictPublicBuckets());

        ObjectLambdaConfiguration c = control.getAccessPointConfigurationForObjectLambda(r -> r.accountId(ACCOUNT)
                .name(name)).configuration();
        assertEquals(configuration(supporting, "GetObject"), c);

        control.putAccessPointConfigurationForObjectLambda(r -> r.accountId(ACCOUNT).name(name)
                .configuration(configuration(supporting, "HeadObject", "ListObjectsV2")));
        assertEquals(List.of("HeadObject", "ListObjectsV2"), control.getAccessPointConfigurationForObjectLambda(
                r -> r.accountId(ACCOUNT).name(name)).configuration().transformationConfigurations().get(0)
                .actionsAsStrings());

        String second = name + "-b";
        control.createAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name(second)
                .configuration(configuration(supporting, "GetObject")));
        ListAccessPointsForObjectLambdaResponse first = control.listAccessPointsForObjectLambda(r -> r
                .accountId(ACCOUNT).maxResults(1));
        assertEquals(1, first.objectLambdaAccessPointList().size());
        assertNotNull(first.nextToken());
        List<String> all = control.listAccessPointsForObjectLambdaPaginator(r -> r.accountId(ACCOUNT).maxResults(1))
                .objectLambdaAccessPointList().stream().map(p -> p.name()).toList();
        assertTrue(all.containsAll(List.of(name, second)), all.toString());
        var listed = control.listAccessPointsForObjectLambda(r -> r.accountId(ACCOUNT)).objectLambdaAccessPointList()
                .stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        assertEquals(created.objectLambdaAccessPointArn(), listed.objectLambdaAccessPointArn());
        assertEquals(created.alias(), listed.alias());

        control.deleteAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name(name));
        control.deleteAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name(second));
        AccessPointsIT.assertError("NoSuchAccessPoint", 404,
                () -> control.getAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name(name)));
        AccessPointsIT.assertError("NoSuchAccessPoint", 404,
                () -> control.deleteAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name(name)));
        AccessPointsIT.assertError("NoSuchAccessPoint", 404,
                () -> control.getAccessPointConfigurationForObjectLambda(r -> r.accountId(ACCOUNT).name(name)));
    }

    @Test
    void refusals() {
        String supporting = supporting();
        String name = newName();
        control.createAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name(name)
                .configuration(configuration(supporting, "GetObject")));
        AccessPointsIT.assertError("AccessPointAlreadyOwnedByYou", 409, () -> control.createAccessPointForObjectLambda(
                r -> r.accountId(ACCOUNT).name(name).configuration(configuration(supporting, "GetObject"))));
        String missing = "arn:aws:s3:us-east-1:" + ACCOUNT + ":accesspoint/absent-" + newName();
        AccessPointsIT.assertError("NoSuchAccessPoint", 404, () -> control.createAccessPointForObjectLambda(
                r -> r.accountId(ACCOUNT).name(newName()).configuration(configuration(missing, "GetObject"))));
        AccessPointsIT.assertError("InvalidRequest", 400, () -> control.createAccessPointForObjectLambda(r -> r
                .accountId(ACCOUNT).name(newName()).configuration(configuration(supporting, "GetObject")
                        .toBuilder().transformationConfigurations(
                                configuration(supporting, "GetObject").transformationConfigurations().get(0),
                                configuration(supporting, "GetObject", "HeadObject").transformationConfigurations()
                                        .get(0)).build())));
        AccessPointsIT.assertError("InvalidRequest", 400, () -> control.createAccessPointForObjectLambda(r -> r
                .accountId(ACCOUNT).name("Upper-Case").configuration(configuration(supporting, "GetObject"))));
        AccessPointsIT.assertError("AccessDenied", 403, () -> control.getAccessPointForObjectLambda(r -> r
                .accountId("111122223333").name(name)));
        AccessPointsIT.assertError("NoSuchAccessPoint", 404, () -> control.putAccessPointConfigurationForObjectLambda(
                r -> r.accountId(ACCOUNT).name(newName()).configuration(configuration(supporting, "GetObject"))));
    }

    @Test
    void policies() {
        String name = newName();
        String arn = control.createAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name(name)
                .configuration(configuration(supporting(), "GetObject"))).objectLambdaAccessPointArn();
        AccessPointsIT.assertError("NoSuchAccessPointPolicy", 404,
                () -> control.getAccessPointPolicyForObjectLambda(r -> r.accountId(ACCOUNT).name(name)));
        AccessPointsIT.assertError("NoSuchAccessPointPolicy", 404,
                () -> control.getAccessPointPolicyStatusForObjectLambda(r -> r.accountId(ACCOUNT).name(name)));
        String owner = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + ACCOUNT + ":root\"},\"Action\":\"s3-object-lambda:GetObject\",\"Resource\":\""
                + arn + "\"}]}";
        control.putAccessPointPolicyForObjectLambda(r -> r.accountId(ACCOUNT).name(name).policy(owner));
        assertEquals(owner, control.getAccessPointPolicyForObjectLambda(r -> r.accountId(ACCOUNT).name(name))
                .policy());
        assertFalse(control.getAccessPointPolicyStatusForObjectLambda(r -> r.accountId(ACCOUNT).name(name))
                .policyStatus().isPublic());
        String everyone = owner.replace("{\"AWS\":\"arn:aws:iam::" + ACCOUNT + ":root\"}", "\"*\"");
        AccessPointsIT.assertError("AccessDenied", 403,
                () -> control.putAccessPointPolicyForObjectLambda(r -> r.accountId(ACCOUNT).name(name).policy(everyone)));
        AccessPointsIT.assertError("MalformedPolicy", 400,
                () -> control.putAccessPointPolicyForObjectLambda(r -> r.accountId(ACCOUNT).name(name).policy("[]")));
        control.deleteAccessPointPolicyForObjectLambda(r -> r.accountId(ACCOUNT).name(name));
        AccessPointsIT.assertError("NoSuchAccessPointPolicy", 404,
                () -> control.getAccessPointPolicyForObjectLambda(r -> r.accountId(ACCOUNT).name(name)));
        AccessPointsIT.assertError("NoSuchAccessPoint", 404,
                () -> control.putAccessPointPolicyForObjectLambda(r -> r.accountId(ACCOUNT).name(newName())
                        .policy(owner)));
    }

    /**
     * Actions no configuration transforms reach the supporting access point's bucket, by the alias and by the ARN
     * (signed for s3-object-lambda); a transformed one needs Lambda, which this server does not serve (501).
     */
    @Test
    void untransformedRequestsReachTheSupportingAccessPoint() {
        String supporting = supporting();
        String bucket = bucketOf(supporting);
        String name = newName();
        CreateAccessPointForObjectLambdaResponse created = control.createAccessPointForObjectLambda(r -> r
                .accountId(ACCOUNT).name(name).configuration(configuration(supporting, "GetObject")));
        String alias = created.alias().value();
        s3.putObject(b -> b.bucket(alias).key("through/alias"), RequestBody.fromString("original"));
        assertEquals("original", s3.getObjectAsBytes(b -> b.bucket(bucket).key("through/alias")).asUtf8String());
        assertEquals(8L, s3.headObject(b -> b.bucket(alias).key("through/alias")).contentLength());
        assertEquals(List.of("through/alias"), s3.listObjectsV2(b -> b.bucket(alias)).contents().stream()
                .map(o -> o.key()).toList());
        S3Exception unserved = assertThrows(S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket(alias).key("through/alias")));
        assertEquals(501, unserved.statusCode());
        assertEquals("NotImplemented", unserved.awsErrorDetails().errorCode());
        try (S3Client hosted = ControlClients.virtualHostedS3(gureum, "test", "us-east-1")) {
            String arn = created.objectLambdaAccessPointArn();
            assertEquals(8L, hosted.headObject(b -> b.bucket(arn).key("through/alias")).contentLength());
            S3Exception viaArn = assertThrows(S3Exception.class,
                    () -> hosted.getObjectAsBytes(b -> b.bucket(arn).key("through/alias")));
            assertEquals(501, viaArn.statusCode());
            String absent = "arn:aws:s3-object-lambda:us-east-1:" + ACCOUNT + ":accesspoint/" + newName();
            S3Exception missing = assertThrows(S3Exception.class,
                    () -> hosted.headObject(b -> b.bucket(absent).key("through/alias")));
            assertEquals(404, missing.statusCode());
        }
        control.deleteAccessPointForObjectLambda(r -> r.accountId(ACCOUNT).name(name));
        S3Exception gone = assertThrows(S3Exception.class,
                () -> s3.headObject(b -> b.bucket(alias).key("through/alias")));
        assertEquals(404, gone.statusCode());
    }
}
