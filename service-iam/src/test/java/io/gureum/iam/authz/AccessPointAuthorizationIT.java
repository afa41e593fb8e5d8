package io.gureum.iam.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.spi.Caller;
import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
import io.gureum.iam.StsService;
import io.gureum.s3.S3Service;
import io.gureum.s3.control.S3ControlService;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * Under {@code --enforce-iam} an S3 request through an access point (its alias as the bucket) is decided on both
 * the access point and its bucket, each with its own policy: the bucket must allow the access too or delegate it
 * to access points ({@code s3:DataAccessPointAccount}); an explicit deny in either denies; another account needs
 * both policies to allow it (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html).
 */
class AccessPointAuthorizationIT extends AuthorizationTestSupport {
    static Gureum gureum;
    static S3Client ownerS3;
    static S3ControlClient control;

    @BeforeAll
    static void start() {
        gureum = Gureum.start(GureumConfig.builder().port(0).enforceIam(true).build(),
                List.of(new IamService(), new StsService(), new S3Service(), new S3ControlService()));
        ownerS3 = gureum.context().clients().client(S3Client.class, Caller.root(A, "us-east-1"));
        control = gureum.context().clients().client(S3ControlClient.class, Caller.root(A, "us-east-1"));
    }

    @AfterAll
    static void stop() {
        closeClients();
        gureum.close();
    }

    static S3Client s3(String key) {
        return AwsClients.client(S3Client.builder().forcePathStyle(true), gureum.endpoint(), key, "us-east-1");
    }

    /** A bucket of A with object {@code k}, and an access point on it; answers {bucket, access point, alias}. */
    static String[] bucketWithAccessPoint() {
        String bucket = unique("apb");
        String point = unique("ap");
        ownerS3.createBucket(b -> b.bucket(bucket));
        ownerS3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        String alias = control.createAccessPoint(b -> b.accountId(A).name(point).bucket(bucket)).alias();
        return new String[] {bucket, point, alias};
    }

    static String pointArn(String point) {
        return "arn:aws:s3:us-east-1:" + A + ":accesspoint/" + point;
    }

    /** The bucket policy that delegates access control to the account's access points (AWS's example). */
    static void delegate(String bucket) {
        ownerS3.putBucketPolicy(b -> b.bucket(bucket).policy(doc("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":\"*\",\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"],"
                + "\"Condition\":{\"StringEquals\":{\"s3:DataAccessPointAccount\":\"" + A + "\"}}}")));
    }

    static String read(S3Client s3, String bucket) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String();
    }

    @Test
    void aUserAllowedOnTheAccessPointNeedsTheBucketToDelegate() {
        String[] ap = bucketWithAccessPoint();
        String name = unique("reader");
        String key = user(gureum, name, doc("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\""
                + pointArn(ap[1]) + "/object/*\"}"));
        S3Client reader = s3(key);
        denied("AccessDenied", 403, null, () -> read(reader, ap[2])); // the bucket side allows nothing yet
        delegate(ap[0]);
        assertEquals("x", read(reader, ap[2]));
        denied("AccessDenied", 403, null, () -> read(reader, ap[0])); // not through an access point: no delegation
        denied("AccessDenied", 403, null, () -> reader.putObject(b -> b.bucket(ap[2]).key("w"),
                RequestBody.fromString("y"))); // the identity policy allows reads only
    }

    @Test
    void anExplicitDenyInTheAccessPointPolicyDeniesWhatTheIdentityAllows() {
        String[] ap = bucketWithAccessPoint();
        String name = unique("all");
        String key = user(gureum, name, doc(allow("s3:*")));
        S3Client user = s3(key);
        assertEquals("x", read(user, ap[2]));
        control.putAccessPointPolicy(b -> b.accountId(A).name(ap[1]).policy(doc("{\"Effect\":\"Deny\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::" + A + ":user/" + name + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\""
                + pointArn(ap[1]) + "/object/*\"}")));
        denied("AccessDenied", 403, null, () -> read(user, ap[2]));
        assertEquals("x", read(user, ap[0])); // the bucket itself is not governed by the access point's policy
    }

    @Test
    void anExplicitDenyInTheBucketPolicyDeniesRequestsThroughTheAccessPoint() {
        String[] ap = bucketWithAccessPoint();
        String key = user(gureum, unique("all"), doc(allow("s3:*")));
        S3Client user = s3(key);
        ownerS3.putBucketPolicy(b -> b.bucket(ap[0]).policy(doc("{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + ap[0] + "/*\",\"Condition\":"
                + "{\"StringEquals\":{\"s3:DataAccessPointArn\":\"" + pointArn(ap[1]) + "\"}}}")));
        denied("AccessDenied", 403, null, () -> read(user, ap[2]));
        assertEquals("x", read(user, ap[0])); // the condition holds only through that access point
    }

    @Test
    void anotherAccountNeedsBothTheAccessPointAndTheBucketToAllow() {
        String[] ap = bucketWithAccessPoint();
        S3Client other = s3(B);
        denied("AccessDenied", 403, null, () -> read(other, ap[2]));
        control.putAccessPointPolicy(b -> b.accountId(A).name(ap[1]).policy(doc("{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::" + B + ":root\"},\"Action\":\"s3:GetObject\",\"Resource\":\""
                + pointArn(ap[1]) + "/object/*\"}")));
        denied("AccessDenied", 403, null, () -> read(other, ap[2])); // the bucket does not allow it
        delegate(ap[0]);
        assertEquals("x", read(other, ap[2]));
        denied("AccessDenied", 403, null, () -> read(other, ap[0])); // directly, the bucket alone decides
        control.deleteAccessPointPolicy(b -> b.accountId(A).name(ap[1]));
        denied("AccessDenied", 403, null, () -> read(other, ap[2])); // the access point no longer allows it
    }

    /**
     * A GetObject through an Object Lambda access point that its function answers is decided as
     * {@code s3-object-lambda:GetObject} on the Object Lambda access point (with its policy): {@code s3:*} alone does
     * not allow it; once allowed it reaches the function (this server has no Lambda: 501). WriteGetObjectResponse is
     * {@code s3-object-lambda:WriteGetObjectResponse} (its request names no access point: {@code *}).
     */
    @Test
    void objectLambdaRequestsNeedTheS3ObjectLambdaActions() {
        String[] ap = bucketWithAccessPoint();
        String olName = unique("ol");
        var created = control.createAccessPointForObjectLambda(b -> b.accountId(A).name(olName).configuration(c -> c
                .supportingAccessPoint(pointArn(ap[1])).transformationConfigurations(t -> t.actionsWithStrings(
                        "GetObject").contentTransformation(ct -> ct.awsLambda(l -> l.functionArn(
                                "arn:aws:lambda:us-east-1:" + A + ":function:transform"))))));
        String alias = created.alias().value();
        String s3OnlyKey = user(gureum, unique("s3only"), doc(allow("s3:*")));
        S3Client s3Only = s3(s3OnlyKey);
        denied("AccessDenied", 403, null, () -> read(s3Only, alias));
        String name = unique("olreader");
        S3Client reader = s3(user(gureum, name, doc("{\"Effect\":\"Allow\",\"Action\":\"s3-object-lambda:GetObject\","
                + "\"Resource\":\"" + created.objectLambdaAccessPointArn() + "\"}")));
        denied("NotImplemented", 501, null, () -> read(reader, alias)); // authorised: the function would be invoked
        control.putAccessPointPolicyForObjectLambda(b -> b.accountId(A).name(olName).policy(doc("{\"Effect\":\"Deny\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + A + ":user/" + name + "\"},\"Action\":\"s3-object-lambda:*\","
                + "\"Resource\":\"" + created.objectLambdaAccessPointArn() + "\"}")));
        denied("AccessDenied", 403, null, () -> read(reader, alias));

        S3Client writer = unprefixed(user(gureum, unique("writer"), doc(allow("s3-object-lambda:WriteGetObjectResponse"))));
        denied("ValidationError", 400, null, () -> writer.writeGetObjectResponse(b -> b.requestRoute("io-none")
                .requestToken("none"), RequestBody.fromString("x")));
        denied("AccessDenied", 403, null, () -> unprefixed(s3OnlyKey).writeGetObjectResponse(b -> b
                .requestRoute("io-none").requestToken("none"), RequestBody.fromString("x")));
    }

    /**
     * WriteGetObjectResponse's host prefix ({@code <route>.127.0.0.1}, which the SDK adds even with
     * DISABLE_HOST_PREFIX_INJECTION) would not resolve here: the signed request is sent to the endpoint's own host
     * (this server does not verify signatures).
     */
    static S3Client unprefixed(String key) {
        String host = gureum.endpoint().getHost();
        software.amazon.awssdk.http.SdkHttpClient http = software.amazon.awssdk.http.urlconnection
                .UrlConnectionHttpClient.create();
        software.amazon.awssdk.http.SdkHttpClient toEndpoint = new software.amazon.awssdk.http.SdkHttpClient() {
            @Override
            public software.amazon.awssdk.http.ExecutableHttpRequest prepareRequest(
                    software.amazon.awssdk.http.HttpExecuteRequest request) {
                return http.prepareRequest(software.amazon.awssdk.http.HttpExecuteRequest.builder()
                        .request(request.httpRequest().toBuilder().host(host).build())
                        .contentStreamProvider(request.contentStreamProvider().orElse(null)).build());
            }

            @Override
            public void close() {
                http.close();
            }
        };
        return S3Client.builder().forcePathStyle(true).endpointOverride(gureum.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).httpClient(toEndpoint)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key, "test")))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))).build();
    }

    /**
     * S3 Access Grants under enforcement: a location's role must exist (asked of IAM), and GetDataAccess assumes it
     * through STS as {@code access-grants.s3.amazonaws.com}, with a session policy that limits the credentials to
     * the matched grant's scope.
     */
    @Test
    void getDataAccessVendsCredentialsScopedToTheGrant() {
        String bucket = unique("grants");
        ownerS3.createBucket(b -> b.bucket(bucket));
        ownerS3.putObject(b -> b.bucket(bucket).key("reports/q1"), RequestBody.fromString("q1"));
        ownerS3.putObject(b -> b.bucket(bucket).key("private/p"), RequestBody.fromString("p"));
        String roleName = unique("grants-role");
        IamClient iam = iam(gureum, A);
        String roleArn = iam.createRole(b -> b.roleName(roleName).assumeRolePolicyDocument(doc("{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"access-grants.s3.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\","
                + "\"sts:SetSourceIdentity\",\"sts:SetContext\"]}"))).role().arn();
        iam.putRolePolicy(b -> b.roleName(roleName).policyName("s3").policyDocument(doc(allow("s3:*"))));
        S3ControlClient grants = gureum.context().clients().client(S3ControlClient.class, Caller.root(A, "eu-west-2"));
        grants.createAccessGrantsInstance(r -> r.accountId(A));
        denied("InvalidIamRole", 400, null, () -> grants.createAccessGrantsLocation(r -> r.accountId(A)
                .locationScope("s3://" + bucket).iamRoleArn("arn:aws:iam::" + A + ":role/missing")));
        String location = grants.createAccessGrantsLocation(r -> r.accountId(A).locationScope("s3://" + bucket)
                .iamRoleArn(roleArn)).accessGrantsLocationId();
        grants.createAccessGrant(r -> r.accountId(A).accessGrantsLocationId(location)
                .accessGrantsLocationConfiguration(c -> c.s3SubPrefix("reports/*"))
                .grantee(g -> g.granteeType("IAM").granteeIdentifier("arn:aws:iam::" + A + ":root")).permission("READ"));

        var access = grants.getDataAccess(r -> r.accountId(A).target("s3://" + bucket + "/reports/q1")
                .permission("READ").durationSeconds(900));
        assertEquals("s3://" + bucket + "/reports/*", access.matchedGrantTarget());
        var c = access.credentials();
        try (S3Client vended = S3Client.builder().forcePathStyle(true).endpointOverride(gureum.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(c.accessKeyId(),
                                c.secretAccessKey(), c.sessionToken())))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            assertEquals("q1", vended.getObjectAsBytes(b -> b.bucket(bucket).key("reports/q1")).asUtf8String());
            denied("AccessDenied", 403, null, () -> vended.getObjectAsBytes(b -> b.bucket(bucket).key("private/p")));
            denied("AccessDenied", 403, null, () -> vended.putObject(b -> b.bucket(bucket).key("reports/new"),
                    RequestBody.fromString("w")));
        }
        denied("AccessDenied", 403, null, () -> grants.getDataAccess(r -> r.accountId(A)
                .target("s3://" + bucket + "/private/p").permission("READ")));
    }
}
