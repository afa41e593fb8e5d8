package io.gureum.cloudformation.resource.s3;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.PropertyAttributes;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateAccessPointRequest;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3control.model.Tag;

/**
 * {@code AWS::S3::AccessPoint} through S3 Control. {@code Ref} is the access point's name; {@code Fn::GetAtt}
 * gives {@code Alias}, {@code Arn}, {@code Name} and {@code NetworkOrigin}, and, as CloudFormation lets it read
 * this type's properties, {@code Bucket}, {@code BucketAccountId}, {@code VpcConfiguration.VpcId} and
 * {@code PublicAccessBlockConfiguration.*} as S3 Control reports them and the template's other scalar properties
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-accesspoint.html).
 * {@code Bucket}, {@code BucketAccountId}, {@code Name}, {@code PublicAccessBlockConfiguration} and
 * {@code VpcConfiguration} replace it; {@code Policy} and {@code Tags} change in place. Without a
 * {@code Name} one is generated (lower case, at most 50 characters).
 */
public final class AccessPointHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Bucket", "BucketAccountId", "Name", "Policy",
            "PublicAccessBlockConfiguration", "Tags", "VpcConfiguration");

    @Override
    public String type() {
        return "AWS::S3::AccessPoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Bucket", "BucketAccountId", "Name", "PublicAccessBlockConfiguration", "VpcConfiguration");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        String name = r.has("Name") ? r.text("Name") : r.generatedLowerCaseName(50);
        S3ControlClient control = r.client(S3ControlClient.class);
        CreateAccessPointRequest.Builder create = CreateAccessPointRequest.builder().accountId(account).name(name)
                .bucket(r.requiredText("Bucket")).bucketAccountId(r.text("BucketAccountId"))
                .tags(tags(r.tagsWithTemplate("Tags")));
        JsonNode vpc = r.property("VpcConfiguration");
        if (vpc != null && vpc.hasNonNull("VpcId")) {
            create.vpcConfiguration(v -> v.vpcId(vpc.get("VpcId").asText()));
        }
        JsonNode block = r.property("PublicAccessBlockConfiguration");
        if (block != null && block.isObject()) {
            create.publicAccessBlockConfiguration(PublicAccessBlockConfiguration.builder()
                    .blockPublicAcls(Json.bool(block, "BlockPublicAcls"))
                    .ignorePublicAcls(Json.bool(block, "IgnorePublicAcls"))
                    .blockPublicPolicy(Json.bool(block, "BlockPublicPolicy"))
                    .restrictPublicBuckets(Json.bool(block, "RestrictPublicBuckets")).build());
        }
        control.createAccessPoint(create.build());
        String policy = Json.document(r.property("Policy"));
        if (policy != null) {
            control.putAccessPointPolicy(p -> p.accountId(account).name(name).policy(policy));
        }
        return PropertyAttributes.add(created(control, account, name), r);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        String name = r.physicalId();
        S3ControlClient control = r.client(S3ControlClient.class);
        String policy = Json.document(r.property("Policy"));
        if (policy != null) {
            control.putAccessPointPolicy(p -> p.accountId(account).name(name).policy(policy));
        } else {
            control.deleteAccessPointPolicy(p -> p.accountId(account).name(name));
        }
        retag(control, account, name, r.tagsWithTemplate("Tags"));
        return PropertyAttributes.add(created(control, account, name), r);
    }

    @Override
    public void delete(ResourceRequest r) {
        deleteAccessPoint(r);
    }

    /** Deletes the access point named by the resource's physical id; one already gone counts as deleted. */
    public static void deleteAccessPoint(ResourceRequest r) {
        try {
            r.client(S3ControlClient.class).deleteAccessPoint(d -> d.accountId(r.stack().accountId())
                    .name(r.physicalId()));
        } catch (AwsServiceException e) { // in-process, NoSuchAccessPoint (unmodeled) comes as the base type
            if (e.statusCode() != 404) {
                throw e; // NoSuchAccessPoint: already gone
            }
        }
    }

    private static Created created(S3ControlClient control, String account, String name) {
        GetAccessPointResponse ap = control.getAccessPoint(g -> g.accountId(account).name(name));
        var block = ap.publicAccessBlockConfiguration();
        return Created.of(name).attribute("Alias", ap.alias()).attribute("Arn", ap.accessPointArn())
                .attribute("Name", ap.name()).attribute("NetworkOrigin", ap.networkOriginAsString())
                .attribute("Bucket", ap.bucket()).attribute("BucketAccountId", ap.bucketAccountId())
                .attribute("VpcConfiguration.VpcId", ap.vpcConfiguration() == null ? null : ap.vpcConfiguration().vpcId())
                .attribute("PublicAccessBlockConfiguration.BlockPublicAcls", block == null ? null
                        : String.valueOf(block.blockPublicAcls()))
                .attribute("PublicAccessBlockConfiguration.IgnorePublicAcls", block == null ? null
                        : String.valueOf(block.ignorePublicAcls()))
                .attribute("PublicAccessBlockConfiguration.BlockPublicPolicy", block == null ? null
                        : String.valueOf(block.blockPublicPolicy()))
                .attribute("PublicAccessBlockConfiguration.RestrictPublicBuckets", block == null ? null
                        : String.valueOf(block.restrictPublicBuckets()));
    }

    /**
     * Gives the access point {@code name} exactly the {@code wanted} tags (those it has and {@code wanted} lacks are
     * removed); shared with {@code AWS::S3Express::AccessPoint}, whose access points S3 Control tags the same way.
     */
    public static void retag(S3ControlClient control, String account, String name, Map<String, String> wanted) {
        String arn = control.getAccessPoint(g -> g.accountId(account).name(name)).accessPointArn();
        List<String> gone = new ArrayList<>();
        control.listTagsForResource(l -> l.accountId(account).resourceArn(arn)).tags().forEach(t -> {
            if (!wanted.containsKey(t.key())) {
                gone.add(t.key());
            }
        });
        if (!gone.isEmpty()) {
            control.untagResource(u -> u.accountId(account).resourceArn(arn).tagKeys(gone));
        }
        if (!wanted.isEmpty()) {
            control.tagResource(t -> t.accountId(account).resourceArn(arn).tags(tags(wanted)));
        }
    }

    /** S3 Control's tags of a template's {@code Tags} (and the stack's). */
    public static List<Tag> tags(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }
}
