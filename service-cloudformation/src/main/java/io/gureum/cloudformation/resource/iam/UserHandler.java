package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * {@code AWS::IAM::User} with its groups, inline and managed policies and login profile. {@code Ref} is the
 * user name; {@code Fn::GetAtt} gives {@code Arn}. {@code UserName} replaces the user; everything else
 * changes in place. Delete removes what IAM would otherwise refuse the delete for (DeleteConflict): group
 * memberships, policies, login profile, access keys.
 */
public final class UserHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Groups", "LoginProfile", "ManagedPolicyArns", "Path", "PermissionsBoundary", "Policies", "Tags",
            "UserName");

    @Override
    public String type() {
        return "AWS::IAM::User";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("UserName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String name = r.has("UserName") ? r.text("UserName") : r.generatedName(64);
        List<Tag> tags = IamSupport.tags(r);
        iam.createUser(b -> b.userName(name).path(r.text("Path")).permissionsBoundary(r.text("PermissionsBoundary"))
                .tags(tags.isEmpty() ? null : tags));
        IamSupport.strings(r.property("Groups")).forEach(g -> iam.addUserToGroup(b -> b.userName(name).groupName(g)));
        JsonNode login = r.property("LoginProfile");
        if (login != null) {
            iam.createLoginProfile(b -> b.userName(name).password(login.path("Password").asText())
                    .passwordResetRequired(login.path("PasswordResetRequired").asBoolean(false)));
        }
        Principal.USER.apply(r, name);
        return result(iam, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String name = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("Path")) {
            iam.updateUser(b -> b.userName(name).newPath(r.has("Path") ? r.text("Path") : "/"));
        }
        if (changed.contains("Groups")) {
            List<String> before = IamSupport.strings(r.previousProperties().get("Groups"));
            List<String> after = IamSupport.strings(r.property("Groups"));
            IamSupport.minus(before, after).forEach(g -> IamSupport.deleting(
                    () -> iam.removeUserFromGroup(b -> b.userName(name).groupName(g))));
            IamSupport.minus(after, before).forEach(g -> iam.addUserToGroup(b -> b.userName(name).groupName(g)));
        }
        if (changed.contains("LoginProfile")) {
            JsonNode login = r.property("LoginProfile");
            if (login == null) {
                IamSupport.deleting(() -> iam.deleteLoginProfile(b -> b.userName(name)));
            } else if (r.previousProperties().hasNonNull("LoginProfile")) {
                iam.updateLoginProfile(b -> b.userName(name).password(login.path("Password").asText())
                        .passwordResetRequired(login.path("PasswordResetRequired").asBoolean(false)));
            } else {
                iam.createLoginProfile(b -> b.userName(name).password(login.path("Password").asText())
                        .passwordResetRequired(login.path("PasswordResetRequired").asBoolean(false)));
            }
        }
        Identity.USER.update(r, iam, name);
        Principal.USER.apply(r, name);
        return result(iam, name);
    }

    @Override
    public void delete(ResourceRequest r) {
        IamClient iam = iam(r);
        String name = r.physicalId();
        IamSupport.deleting(() -> {
            iam.listGroupsForUser(b -> b.userName(name)).groups().forEach(g -> IamSupport.deleting(
                    () -> iam.removeUserFromGroup(b -> b.userName(name).groupName(g.groupName()))));
            Principal.USER.strip(iam, name);
            IamSupport.deleting(() -> iam.deleteLoginProfile(b -> b.userName(name)));
            iam.listAccessKeys(b -> b.userName(name)).accessKeyMetadata().forEach(k -> IamSupport.deleting(
                    () -> iam.deleteAccessKey(b -> b.userName(name).accessKeyId(k.accessKeyId()))));
            iam.deleteUser(b -> b.userName(name));
        });
    }

    private static Created result(IamClient iam, String name) {
        return Created.of(name).attribute("Arn", iam.getUser(b -> b.userName(name)).user().arn());
    }
}
