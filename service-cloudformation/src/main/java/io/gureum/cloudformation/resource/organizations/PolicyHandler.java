package io.gureum.cloudformation.resource.organizations;

import static io.gureum.cloudformation.resource.organizations.OrgSupport.orgs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.ListTargetsForPolicyResponse;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * {@code AWS::Organizations::Policy}: a policy (SCP, RCP, tag, backup … policy) attached to the roots, OUs
 * and accounts of {@code TargetIds}. {@code Ref} is the policy id; {@code Fn::GetAtt} gives {@code Id},
 * {@code Arn} and {@code AwsManaged}. {@code Type} replaces it; name, description, content, targets and tags
 * change in place. Attaching needs the policy type enabled on the root (EnablePolicyType), as on AWS.
 */
public final class PolicyHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Content", "Description", "Name", "Tags", "TargetIds", "Type");

    @Override
    public String type() {
        return "AWS::Organizations::Policy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Type");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        OrganizationsClient orgs = orgs(r);
        List<Tag> tags = OrgSupport.tags(r);
        PolicySummary p = orgs.createPolicy(b -> b.name(r.requiredText("Name")).type(r.requiredText("Type"))
                .description(r.has("Description") ? r.text("Description") : "")
                .content(OrgSupport.document(r.property("Content"))).tags(tags.isEmpty() ? null : tags))
                .policy().policySummary();
        List<String> attached = new ArrayList<>();
        try {
            for (String target : OrgSupport.strings(r.property("TargetIds"))) {
                orgs.attachPolicy(b -> b.policyId(p.id()).targetId(target));
                attached.add(target);
            }
        } catch (RuntimeException e) {
            // The engine keeps no physical id of a failed create: undo what this call did.
            attached.forEach(t -> OrgSupport.deleting(() -> orgs.detachPolicy(b -> b.policyId(p.id()).targetId(t))));
            OrgSupport.deleting(() -> orgs.deletePolicy(b -> b.policyId(p.id())));
            throw e;
        }
        return result(p);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        OrganizationsClient orgs = orgs(r);
        String id = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("Name") || changed.contains("Description") || changed.contains("Content")) {
            orgs.updatePolicy(b -> b.policyId(id).name(r.requiredText("Name"))
                    .description(r.has("Description") ? r.text("Description") : "")
                    .content(OrgSupport.document(r.property("Content"))));
        }
        if (changed.contains("TargetIds")) {
            List<String> before = OrgSupport.strings(r.previousProperties().get("TargetIds"));
            List<String> after = OrgSupport.strings(r.property("TargetIds"));
            // Attach first: a target may need to keep at least one SCP.
            after.stream().filter(t -> !before.contains(t))
                    .forEach(t -> orgs.attachPolicy(b -> b.policyId(id).targetId(t)));
            before.stream().filter(t -> !after.contains(t))
                    .forEach(t -> OrgSupport.deleting(() -> orgs.detachPolicy(b -> b.policyId(id).targetId(t))));
        }
        OrgSupport.retag(r, id);
        return result(orgs.describePolicy(b -> b.policyId(id)).policy().policySummary());
    }

    @Override
    public void delete(ResourceRequest r) {
        OrganizationsClient orgs = orgs(r);
        String id = r.physicalId();
        OrgSupport.deleting(() -> {
            for (String target : targets(orgs, id)) {
                OrgSupport.deleting(() -> orgs.detachPolicy(b -> b.policyId(id).targetId(target)));
            }
            orgs.deletePolicy(b -> b.policyId(id));
        });
    }

    private static List<String> targets(OrganizationsClient orgs, String id) {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListTargetsForPolicyResponse page = orgs.listTargetsForPolicy(b -> b.policyId(id).nextToken(next));
            page.targets().forEach(t -> out.add(t.targetId()));
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    private static Created result(PolicySummary p) {
        return Created.of(p.id()).attribute("Id", p.id()).attribute("Arn", p.arn())
                .attribute("AwsManaged", String.valueOf(Boolean.TRUE.equals(p.awsManaged())));
    }
}
