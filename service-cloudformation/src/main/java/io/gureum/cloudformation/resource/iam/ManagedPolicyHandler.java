package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * {@code AWS::IAM::ManagedPolicy}. {@code Ref} is the policy ARN; {@code Fn::GetAtt} gives
 * {@code AttachmentCount}, {@code CreateDate}, {@code DefaultVersionId}, {@code IsAttachable},
 * {@code PermissionsBoundaryUsageCount}, {@code PolicyArn}, {@code PolicyId} and {@code UpdateDate}.
 * {@code ManagedPolicyName}, {@code Path} and {@code Description} replace it; a new document becomes a new
 * default version (the oldest non-default version is deleted first when the policy has IAM's five), and the
 * attachments change in place.
 */
public final class ManagedPolicyHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Description", "Groups", "ManagedPolicyName", "Path", "PolicyDocument", "Roles", "Users");

    @Override
    public String type() {
        return "AWS::IAM::ManagedPolicy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ManagedPolicyName", "Path", "Description");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String name = r.has("ManagedPolicyName") ? r.text("ManagedPolicyName") : r.generatedName(128);
        String arn = iam.createPolicy(b -> b.policyName(name).path(r.text("Path")).description(r.text("Description"))
                .policyDocument(IamSupport.document(r.property("PolicyDocument")))).policy().arn();
        attachments(r, iam, arn, null, r.properties());
        return result(iam, arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String arn = r.physicalId();
        if (r.changedProperties().contains("PolicyDocument")) {
            List<PolicyVersion> versions = iam.listPolicyVersions(b -> b.policyArn(arn)).versions();
            if (versions.size() >= 5) {
                versions.stream().filter(v -> !v.isDefaultVersion()).min(Comparator.comparing(PolicyVersion::createDate))
                        .ifPresent(v -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId(v.versionId())));
            }
            iam.createPolicyVersion(b -> b.policyArn(arn).setAsDefault(true)
                    .policyDocument(IamSupport.document(r.property("PolicyDocument"))));
        }
        attachments(r, iam, arn, r.previousProperties(), r.properties());
        return result(iam, arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        IamClient iam = iam(r);
        String arn = r.physicalId();
        IamSupport.deleting(() -> {
            attachments(r, iam, arn, r.properties(), JsonNodeFactory.instance.objectNode());
            iam.listPolicyVersions(b -> b.policyArn(arn)).versions().stream().filter(v -> !v.isDefaultVersion())
                    .forEach(v -> iam.deletePolicyVersion(b -> b.policyArn(arn).versionId(v.versionId())));
            iam.deletePolicy(b -> b.policyArn(arn));
        });
    }

    private static void attachments(ResourceRequest r, IamClient iam, String arn, JsonNode before, JsonNode after) {
        for (String kind : List.of("Roles", "Users", "Groups")) {
            Principal p = kind.equals("Roles") ? Principal.ROLE : kind.equals("Users") ? Principal.USER : Principal.GROUP;
            List<String> was = before == null ? List.of() : IamSupport.strings(before.get(kind));
            List<String> now = IamSupport.strings(after.get(kind));
            IamSupport.minus(was, now).forEach(n -> IamSupport.deleting(() -> p.detach(iam, n, arn)));
            IamSupport.minus(now, was).forEach(n -> p.attach(iam, n, arn));
        }
    }

    private static Created result(IamClient iam, String arn) {
        Policy p = iam.getPolicy(b -> b.policyArn(arn)).policy();
        JsonNodeFactory json = JsonNodeFactory.instance;
        return Created.of(arn).attribute("PolicyArn", arn).attribute("PolicyId", p.policyId())
                .attribute("AttachmentCount", json.numberNode(p.attachmentCount()))
                .attribute("PermissionsBoundaryUsageCount", json.numberNode(p.permissionsBoundaryUsageCount() == null
                        ? 0 : p.permissionsBoundaryUsageCount()))
                .attribute("IsAttachable", json.booleanNode(Boolean.TRUE.equals(p.isAttachable())))
                .attribute("DefaultVersionId", p.defaultVersionId())
                .attribute("CreateDate", p.createDate() == null ? null : p.createDate().toString())
                .attribute("UpdateDate", p.updateDate() == null ? null : p.updateDate().toString());
    }
}
