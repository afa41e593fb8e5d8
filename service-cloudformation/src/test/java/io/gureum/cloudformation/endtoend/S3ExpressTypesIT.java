package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.spi.Caller;
import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.AccessPoint;
import software.amazon.awssdk.services.s3control.model.Scope;

/**
 * The AWS::S3Express types: a directory bucket with encryption, a lifecycle rule and a policy, deployed, changed
 * in place (lifecycle and policy), replaced (a new zone: a new bucket named for it, the policy following it),
 * an access point of it deployed (generated name, Scope, policy) and changed in place (Scope, policy), and the
 * stack deleted; each step checked through the S3 SDK client (with S3 Express session auth off, as the S3 page
 * says), EC2's zone names and S3 Control's client.
 */
class S3ExpressTypesIT extends EndToEndSupport {
    static S3Client s3;

    @BeforeAll
    static void s3() {
        s3 = AwsClients.client(S3Client.builder().forcePathStyle(true).disableS3ExpressSessionAuth(true), gureum);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static final String TEMPLATE = """
            Resources:
              Dir:
                Type: AWS::S3Express::DirectoryBucket
                Properties:
                  LocationName: %s
                  DataRedundancy: SingleAvailabilityZone
                  BucketEncryption:
                    ServerSideEncryptionConfiguration:
                      - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
                  LifecycleConfiguration:
                    Rules:
                      - {Id: logs, Status: Enabled, Prefix: logs/, ExpirationInDays: %d,
                         AbortIncompleteMultipartUpload: {DaysAfterInitiation: 2}}
              Policy:
                Type: AWS::S3Express::BucketPolicy
                Properties:
                  Bucket: !Ref Dir
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}
                        Action: %s
                        Resource: !GetAtt Dir.Arn
            %s
            Outputs:
              Name: {Value: !Ref Dir}
              Arn: {Value: !GetAtt Dir.Arn}
              Zone: {Value: !GetAtt Dir.AvailabilityZoneName}
              PolicyRef: {Value: !Ref Policy}
            %s
            """;

    private static final String ACCESS_POINT = """
              Ap:
                Type: AWS::S3Express::AccessPoint
                Properties:
                  Bucket: !Ref Dir
                  PublicAccessBlockConfiguration: %s
                  Scope: {Prefixes: [%s], Permissions: [%s]}
                  Policy:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}
                        Action: %s
                        Resource: '*'
            """;

    private static final String ACCESS_POINT_OUTPUTS = """
              ApName: {Value: !Ref Ap}
              ApArn: {Value: !GetAtt Ap.Arn}
              ApOrigin: {Value: !GetAtt Ap.NetworkOrigin}
            """;

    private static String template(String zone, int days, String action, String more) {
        return TEMPLATE.formatted(zone, days, action, more, "");
    }

    private static final String ALL_BLOCKED = "{BlockPublicAcls: true, IgnorePublicAcls: true, "
            + "BlockPublicPolicy: true, RestrictPublicBuckets: true}";

    private static String withAccessPoint(String zone, String prefixes, String permissions, String action) {
        return withAccessPoint(zone, ALL_BLOCKED, prefixes, permissions, action);
    }

    private static String withAccessPoint(String zone, String block, String prefixes, String permissions,
            String action) {
        return TEMPLATE.formatted(zone, 30, "'s3express:*'", ACCESS_POINT.formatted(block, prefixes, permissions,
                action), ACCESS_POINT_OUTPUTS);
    }

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static boolean listed(String bucket) {
        return s3.listDirectoryBuckets(b -> b.maxDirectoryBuckets(1000)).buckets().stream()
                .anyMatch(x -> x.name().equals(bucket));
    }

    private static String zoneName(String zoneId) {
        return ec2.describeAvailabilityZones(b -> b.zoneIds(zoneId)).availabilityZones().get(0).zoneName();
    }

    @Test
    void directoryBucketAndPolicyDeployUpdateReplaceAndDelete() {
        String name = unique("s3x");
        String id = cfn.createStack(b -> b.stackName(name)
                .templateBody(template("use1-az4", 7, "s3express:CreateSession", ""))).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        String bucket = output(s, "Name");
        assertTrue(bucket.matches(name + "-dir-[a-z0-9]+--use1-az4--x-s3") && bucket.length() <= 63, bucket);
        assertEquals("arn:aws:s3express:us-east-1:000000000000:bucket/" + bucket, output(s, "Arn"));
        assertEquals(zoneName("use1-az4"), output(s, "Zone"));
        assertEquals(bucket, output(s, "PolicyRef"), "the policy's Ref is its bucket");
        assertTrue(listed(bucket));
        assertEquals("AES256", s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration()
                .rules().get(0).applyServerSideEncryptionByDefault().sseAlgorithmAsString());
        LifecycleRule rule = s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().get(0);
        assertEquals("logs", rule.id());
        assertEquals(7, rule.expiration().days());
        assertEquals(2, rule.abortIncompleteMultipartUpload().daysAfterInitiation());
        assertTrue(s3.getBucketPolicy(b -> b.bucket(bucket)).policy().contains("s3express:CreateSession"));

        // In place: the lifecycle and the policy change, the bucket stays.
        cfn.updateStack(b -> b.stackName(id).templateBody(template("use1-az4", 30, "'s3express:*'", "")));
        Stack updated = settle(id);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), reasons(id));
        assertEquals(bucket, output(updated, "Name"));
        assertEquals(30, s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().get(0).expiration().days());
        assertTrue(s3.getBucketPolicy(b -> b.bucket(bucket)).policy().contains("s3express:*"));

        // Replacement: another zone (LocationName is create-only) is a new bucket named for it.
        cfn.updateStack(b -> b.stackName(id).templateBody(template("use1-az5", 30, "'s3express:*'", "")));
        Stack replaced = settle(id);
        assertEquals("UPDATE_COMPLETE", replaced.stackStatusAsString(), reasons(id));
        String moved = output(replaced, "Name");
        assertNotEquals(bucket, moved);
        assertTrue(moved.endsWith("--use1-az5--x-s3"), moved);
        assertEquals(zoneName("use1-az5"), output(replaced, "Zone"));
        assertEquals(moved, output(replaced, "PolicyRef"));
        assertFalse(listed(bucket), "the replaced bucket is deleted");
        assertTrue(listed(moved));
        assertTrue(s3.getBucketPolicy(b -> b.bucket(moved)).policy().contains("s3express:*"));

        // An access point of the directory bucket, with a generated name, a Scope and a policy.
        cfn.updateStack(b -> b.stackName(id).templateBody(withAccessPoint("use1-az5", "logs/", "GetObject",
                "s3express:CreateSession")));
        Stack withPoint = settle(id);
        assertEquals("UPDATE_COMPLETE", withPoint.stackStatusAsString(), reasons(id));
        String point = output(withPoint, "ApName");
        assertTrue(point.endsWith("--use1-az5--xa-s3") && point.length() <= 50, point);
        assertEquals("arn:aws:s3express:us-east-1:000000000000:accesspoint/" + point, output(withPoint, "ApArn"));
        assertEquals("Internet", output(withPoint, "ApOrigin"));
        S3ControlClient control = gureum.context().clients().client(S3ControlClient.class,
                Caller.root("000000000000", "us-east-1"));
        assertEquals(moved, control.getAccessPoint(g -> g.accountId("000000000000").name(point)).bucket());
        Scope scope = control.getAccessPointScope(g -> g.accountId("000000000000").name(point)).scope();
        assertEquals(List.of("logs/"), scope.prefixes());
        assertEquals(List.of("GetObject"), scope.permissionsAsStrings());
        assertTrue(control.getAccessPointPolicy(g -> g.accountId("000000000000").name(point)).policy()
                .contains("s3express:CreateSession"));
        assertEquals(List.of(point), control.listAccessPointsForDirectoryBuckets(l -> l.accountId("000000000000")
                .directoryBucket(moved)).accessPointList().stream().map(AccessPoint::name).toList());

        // Scope and policy change in place: the same access point.
        cfn.updateStack(b -> b.stackName(id).templateBody(withAccessPoint("use1-az5", "logs/, data/",
                "GetObject, PutObject", "'s3express:*'")));
        Stack rescoped = settle(id);
        assertEquals("UPDATE_COMPLETE", rescoped.stackStatusAsString(), reasons(id));
        assertEquals(point, output(rescoped, "ApName"));
        scope = control.getAccessPointScope(g -> g.accountId("000000000000").name(point)).scope();
        assertEquals(List.of("logs/", "data/"), scope.prefixes());
        assertEquals(List.of("GetObject", "PutObject"), scope.permissionsAsStrings());
        assertTrue(control.getAccessPointPolicy(g -> g.accountId("000000000000").name(point)).policy()
                .contains("s3express:*"));

        // S3 Control cannot change an access point's Block Public Access settings: the update fails and rolls back.
        cfn.updateStack(b -> b.stackName(id).templateBody(withAccessPoint("use1-az5", "{BlockPublicAcls: false}",
                "logs/, data/", "GetObject, PutObject", "'s3express:*'")));
        Stack blocked = settle(id);
        assertEquals("UPDATE_ROLLBACK_COMPLETE", blocked.stackStatusAsString(), reasons(id));
        assertTrue(reasons(id).contains("cannot change PublicAccessBlockConfiguration"), reasons(id));
        assertTrue(control.getAccessPoint(g -> g.accountId("000000000000").name(point))
                .publicAccessBlockConfiguration().blockPublicAcls());

        cfn.deleteStack(b -> b.stackName(id));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
        assertFalse(listed(moved));
        AwsServiceException noPoint = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class,
                () -> control.getAccessPoint(g -> g.accountId("000000000000").name(point)));
        assertEquals(404, noPoint.statusCode());
        S3Exception gone = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class,
                () -> s3.getBucketPolicy(b -> b.bucket(moved)));
        assertEquals(404, gone.statusCode());
    }

    @Test
    void unservedPropertiesAndNamesFailTheResource() {
        String name = unique("s3x-tags");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Dir:
                    Type: AWS::S3Express::DirectoryBucket
                    Properties:
                      BucketName: named--use1-az4--x-s3
                      LocationName: use1-az4
                      DataRedundancy: SingleAvailabilityZone
                      Tags: [{Key: team, Value: course}]
                """)).stackId();
        Stack s = settle(id);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString(), reasons(id));
        assertTrue(reasons(id).contains("Gureum does not emulate the AWS::S3Express::DirectoryBucket properties [Tags]"),
                reasons(id));
        assertFalse(listed("named--use1-az4--x-s3"));
    }
}
