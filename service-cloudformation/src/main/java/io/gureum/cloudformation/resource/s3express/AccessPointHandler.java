package io.gureum.cloudformation.resource.s3express;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateAccessPointRequest;
import software.amazon.awssdk.services.s3control.model.GetAccessPointResponse;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3control.model.Scope;
/**
 * {@code AWS::S3Express::AccessPoint}: an access point of a directory bucket, through S3 Control. {@code Ref} is
 * its name; {@code Fn::GetAtt} gives {@code Arn} ({@code arn:<partition>:s3express:<region>:<account>:accesspoint/
 * <name>}) and {@code NetworkOrigin}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3express-accesspoint.html).
 * Without a {@code Name} one is generated as {@code <stack>-<logicalId>-<suffix>--<zone-id>--xa-s3} with the
 * bucket's zone (at most 50 characters, the schema's limit). {@code Name}, {@code Bucket}, {@code BucketAccountId}
 * and {@code VpcConfiguration} replace it (the schema's createOnlyProperties); {@code Scope}, {@code Policy} and
 * {@code Tags} change in place. S3 Control has no operation changing an access point's Block Public Access
 * settings, so a {@code PublicAccessBlockConfiguration} other than the access point's fails the update naming it
 * (compared with what S3 Control reports, so that rolling back to the settings it has passes).
 */
public final class AccessPointHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Bucket", "BucketAccountId", "Name", "Policy",
            "PublicAccessBlockConfiguration", "Scope", "Tags", "VpcConfiguration");
    private static final Pattern DIRECTORY_BUCKET = Pattern.compile(".+--([a-z0-9]+-[a-z0-9-]+)--x-s3");
    private static final int MAX_NAME = 50;

    @Override
    public String type() {
        return "AWS::S3Express::AccessPoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "Bucket", "BucketAccountId", "VpcConfiguration");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String account = r.stack().accountId();
        String bucket = r.requiredText("Bucket");
        String name = r.has("Name") ? r.text("Name") : generatedName(r, bucket);
        S3ControlClient control = r.client(S3ControlClient.class);
        CreateAccessPointRequest.Builder create = CreateAccessPointRequest.builder().accountId(account).name(name)
                .bucket(bucket).bucketAccountId(r.text("BucketAccountId"))
                .tags(io.gureum.cloudformation.resource.s3.AccessPointHandler.tags(r.tagsWithTemplate("Tags")));
        JsonNode vpc = r.property("VpcConfiguration");
        if (vpc != null && vpc.hasNonNull("VpcId")) {
            create.vpcConfiguration(v -> v.vpcId(vpc.get("VpcId").asText()));
        }
        JsonNode block = r.property("PublicAccessBlockConfiguration");
        if (block != null && block.isObject()) {
            create.publicAccessBlockConfiguration(block(block));
        }
        Scope scope = scope(r.property("Scope"));
        if (scope != null) {
            create.scope(scope);
        }
        control.createAccessPoint(create.build());
        String policy = Json.document(r.property("Policy"));
        if (policy != null) {
            control.putAccessPointPolicy(p -> p.accountId(account).name(name).policy(policy));
        }
        return created(control, account, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Set<String> changed = r.changedProperties();
        String account = r.stack().accountId();
        String name = r.physicalId();
        S3ControlClient control = r.client(S3ControlClient.class);
        // Compared with what S3 Control holds (not the previous template), so that a rollback to it passes.
        PublicAccessBlockConfiguration held = control.getAccessPoint(g -> g.accountId(account).name(name))
                .publicAccessBlockConfiguration();
        if (held != null && !held.equals(block(r.property("PublicAccessBlockConfiguration")))) {
            throw new ResourceFailure("Gureum cannot change PublicAccessBlockConfiguration of access point " + name
                    + " in place: S3 Control has no operation that changes an access point's Block Public Access "
                    + "settings", "InvalidRequest");
        }
        if (changed.contains("Scope")) {
            Scope scope = scope(r.property("Scope"));
            if (scope == null) {
                control.deleteAccessPointScope(d -> d.accountId(account).name(name));
            } else {
                control.putAccessPointScope(p -> p.accountId(account).name(name).scope(scope));
            }
        }
        if (changed.contains("Policy")) {
            String policy = Json.document(r.property("Policy"));
            if (policy != null) {
                control.putAccessPointPolicy(p -> p.accountId(account).name(name).policy(policy));
            } else {
                control.deleteAccessPointPolicy(p -> p.accountId(account).name(name));
            }
        }
        io.gureum.cloudformation.resource.s3.AccessPointHandler.retag(control, account, name,
                r.tagsWithTemplate("Tags"));
        return created(control, account, name);
    }

    @Override
    public void delete(ResourceRequest r) {
        io.gureum.cloudformation.resource.s3.AccessPointHandler.deleteAccessPoint(r);
    }

    /** {@code <generated base>--<zone-id>--xa-s3}, the zone the directory bucket's name carries. */
    private static String generatedName(ResourceRequest r, String bucket) {
        Matcher m = DIRECTORY_BUCKET.matcher(bucket);
        if (!m.matches()) {
            throw new ResourceFailure("Bucket " + bucket + " is not a directory bucket (a name ending in "
                    + "--<zone-id>--x-s3)", "InvalidRequest");
        }
        String suffix = "--" + m.group(1) + "--xa-s3";
        String base = r.generatedLowerCaseName(Math.max(3, MAX_NAME - suffix.length()));
        int end = base.length();
        while (end > 1 && base.charAt(end - 1) == '-') {
            end--;
        }
        return base.substring(0, end) + suffix;
    }

    /** The template's settings as S3 Control reports them: all four on when absent, a setting left out off. */
    private static PublicAccessBlockConfiguration block(JsonNode block) {
        if (block == null || !block.isObject()) {
            return PublicAccessBlockConfiguration.builder().blockPublicAcls(true).ignorePublicAcls(true)
                    .blockPublicPolicy(true).restrictPublicBuckets(true).build();
        }
        return PublicAccessBlockConfiguration.builder()
                .blockPublicAcls(Boolean.TRUE.equals(Json.bool(block, "BlockPublicAcls")))
                .ignorePublicAcls(Boolean.TRUE.equals(Json.bool(block, "IgnorePublicAcls")))
                .blockPublicPolicy(Boolean.TRUE.equals(Json.bool(block, "BlockPublicPolicy")))
                .restrictPublicBuckets(Boolean.TRUE.equals(Json.bool(block, "RestrictPublicBuckets"))).build();
    }

    private static Scope scope(JsonNode s) {
        if (s == null || !s.isObject()) {
            return null;
        }
        List<String> prefixes = new ArrayList<>();
        s.path("Prefixes").forEach(p -> prefixes.add(p.asText()));
        List<String> permissions = new ArrayList<>();
        s.path("Permissions").forEach(p -> permissions.add(p.asText()));
        return Scope.builder().prefixes(prefixes).permissionsWithStrings(permissions).build();
    }

    private static Created created(S3ControlClient control, String account, String name) {
        GetAccessPointResponse ap = control.getAccessPoint(g -> g.accountId(account).name(name));
        return Created.of(name).attribute("Arn", ap.accessPointArn()).attribute("NetworkOrigin",
                ap.networkOriginAsString());
    }
}
