package io.gureum.cloudformation.resource.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.Tag;

/** AWS::S3::AccessPoint: created on a bucket, Ref the name, GetAtt Alias/Arn/Name/NetworkOrigin, policy and tags in place. */
class AccessPointHandlerIT extends HandlerTestSupport {

    private String bucket() {
        String name = "cfn-ap-" + UUID.randomUUID().toString().substring(0, 8);
        client(S3Client.class).createBucket(b -> b.bucket(name));
        return name;
    }

    @Test
    void createdUpdatedAndDeleted() {
        String bucket = bucket();
        AccessPointHandler h = new AccessPointHandler();
        String policy = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::%s:root'},"
                + "'Action':'s3:GetObject','Resource':'arn:aws:s3:us-east-1:%s:accesspoint/my-ap/object/*'}]}";
        Deployed d = create(h, "Ap", props("{'Bucket':'" + bucket + "','Name':'my-ap','VpcConfiguration':{'VpcId':"
                + "'vpc-0123456789abcdef0'},'PublicAccessBlockConfiguration':{'BlockPublicAcls':true,"
                + "'BlockPublicPolicy':'false'},'Policy':" + policy.formatted(account, account) + ",'Tags':[{'Key':"
                + "'env','Value':'dev'}]}"));
        assertEquals("my-ap", d.id());
        assertEquals("my-ap", d.att("Name"));
        assertEquals("arn:aws:s3:us-east-1:" + account + ":accesspoint/my-ap", d.att("Arn"));
        assertEquals("VPC", d.att("NetworkOrigin"));
        assertTrue(d.att("Alias").startsWith("my-ap-") && d.att("Alias").endsWith("-s3alias"), d.att("Alias"));

        S3ControlClient control = client(S3ControlClient.class);
        GetAccessPointResponse ap = control.getAccessPoint(g -> g.accountId(account).name("my-ap"));
        assertEquals(bucket, ap.bucket());
        assertEquals("vpc-0123456789abcdef0", ap.vpcConfiguration().vpcId());
        assertTrue(ap.publicAccessBlockConfiguration().blockPublicAcls());
        assertFalse(ap.publicAccessBlockConfiguration().blockPublicPolicy());
        assertTrue(control.getAccessPointPolicy(g -> g.accountId(account).name("my-ap")).policy().contains("s3:GetObject"));
        Map<String, String> tags = tags(control, d.att("Arn"));
        assertEquals("dev", tags.get("env"));
        assertEquals("Ap", tags.get("aws:cloudformation:logical-id"));

        var changed = props("{'Bucket':'" + bucket + "','Name':'my-ap','VpcConfiguration':{'VpcId':"
                + "'vpc-0123456789abcdef0'},'PublicAccessBlockConfiguration':{'BlockPublicAcls':true,"
                + "'BlockPublicPolicy':'false'},'Tags':[{'Key':'team','Value':'a'}]}");
        assertFalse(replaces(d, changed), "Policy and Tags change in place");
        Deployed d2 = update(d, changed);
        assertEquals(d.att("Alias"), d2.att("Alias"));
        assertEquals(404, assertThrows(AwsServiceException.class,
                () -> control.getAccessPointPolicy(g -> g.accountId(account).name("my-ap"))).statusCode());
        Map<String, String> now = tags(control, d.att("Arn"));
        assertEquals("a", now.get("team"));
        assertNull(now.get("env"));
        assertTrue(replaces(d2, props("{'Bucket':'" + bucket + "','Name':'other-ap'}")), "a new Name replaces it");
        assertTrue(replaces(d2, props("{'Bucket':'" + bucket + "','Name':'my-ap','PublicAccessBlockConfiguration':"
                + "{'BlockPublicAcls':false},'VpcConfiguration':{'VpcId':'vpc-0123456789abcdef0'}}")));

        delete(d2);
        AwsServiceException gone = assertThrows(AwsServiceException.class,
                () -> control.getAccessPoint(g -> g.accountId(account).name("my-ap")));
        assertEquals("NoSuchAccessPoint", gone.awsErrorDetails().errorCode());
        delete(d2); // already gone: still deleted
    }

    @Test
    void nameIsGeneratedAndAMissingBucketFails() {
        AccessPointHandler h = new AccessPointHandler();
        Deployed d = create(h, "GeneratedAccessPoint", props("{'Bucket':'" + bucket() + "'}"));
        assertTrue(d.id().matches("[a-z0-9][a-z0-9-]{1,48}[a-z0-9]"), d.id());
        assertEquals("Internet", d.att("NetworkOrigin"));
        assertEquals(d.id(), client(S3ControlClient.class).getAccessPoint(g -> g.accountId(account).name(d.id())).name());
        delete(d);

        AwsServiceException missing = assertThrows(AwsServiceException.class,
                () -> create(h, "Ap", props("{'Bucket':'no-such-bucket-" + UUID.randomUUID() + "','Name':'x-ap'}")));
        assertEquals("NoSuchBucket", missing.awsErrorDetails().errorCode());
    }

    private Map<String, String> tags(S3ControlClient control, String arn) {
        return control.listTagsForResource(l -> l.accountId(account).resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
