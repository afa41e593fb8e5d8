package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code AWS::IAM::Role} with its inline {@code Policies} and {@code ManagedPolicyArns}. {@code Ref} is the
 * role name; {@code Fn::GetAtt} gives {@code Arn} and {@code RoleId}. {@code RoleName} and {@code Path}
 * replace the role; the trust policy, description, session duration, boundary, policies and tags change in
 * place. A generated name is {@code <stack>-<logicalId>-<suffix>}, at most 64 characters.
 */
public final class RoleHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AssumeRolePolicyDocument", "Description", "ManagedPolicyArns", "MaxSessionDuration", "Path",
            "PermissionsBoundary", "Policies", "RoleName", "Tags");

    @Override
    public String type() {
        return "AWS::IAM::Role";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("RoleName", "Path");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String name = r.has("RoleName") ? r.text("RoleName") : r.generatedName(64);
        List<Tag> tags = IamSupport.tags(r);
        iam.createRole(b -> b.roleName(name).path(r.text("Path"))
                .assumeRolePolicyDocument(IamSupport.document(r.property("AssumeRolePolicyDocument")))
                .description(r.text("Description")).maxSessionDuration(r.integer("MaxSessionDuration"))
                .permissionsBoundary(r.text("PermissionsBoundary")).tags(tags.isEmpty() ? null : tags));
        Principal.ROLE.apply(r, name);
        return result(iam, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String name = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("AssumeRolePolicyDocument")) {
            iam.updateAssumeRolePolicy(b -> b.roleName(name)
                    .policyDocument(IamSupport.document(r.property("AssumeRolePolicyDocument"))));
        }
        if (changed.contains("Description") || changed.contains("MaxSessionDuration")) {
            iam.updateRole(b -> b.roleName(name).description(r.has("Description") ? r.text("Description") : "")
                    .maxSessionDuration(r.has("MaxSessionDuration") ? r.integer("MaxSessionDuration") : 3600));
        }
        Identity.ROLE.update(r, iam, name);
        Principal.ROLE.apply(r, name);
        return result(iam, name);
    }

    @Override
    public void delete(ResourceRequest r) {
        IamClient iam = iam(r);
        String name = r.physicalId();
        IamSupport.deleting(() -> {
            Principal.ROLE.strip(iam, name);
            iam.deleteRole(b -> b.roleName(name));
        });
    }

    private static Created result(IamClient iam, String name) {
        Role role = iam.getRole(b -> b.roleName(name)).role();
        return Created.of(name).attribute("Arn", role.arn()).attribute("RoleId", role.roleId());
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        Role role;
        try {
            role = iam(r).getRole(b -> b.roleName(r.physicalId())).role();
        } catch (NoSuchEntityException gone) {
            return null;
        }
        // IAM returns policy documents URL-encoded (GetRole, AssumeRolePolicyDocument).
        return new Drift(r).put("AssumeRolePolicyDocument", URLDecoder.decode(role.assumeRolePolicyDocument(),
                StandardCharsets.UTF_8)).put("Description", role.description()).put("Path", role.path())
                .put("MaxSessionDuration", role.maxSessionDuration()).result();
    }
}
