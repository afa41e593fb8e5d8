package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code AWS::IAM::Group} with its inline and managed policies. {@code Ref} is the group name;
 * {@code Fn::GetAtt} gives {@code Arn}. {@code GroupName} replaces the group; the path and policies change in
 * place. Delete removes the members and policies first, which IAM requires.
 */
public final class GroupHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "GroupName", "ManagedPolicyArns", "Path", "Policies");

    @Override
    public String type() {
        return "AWS::IAM::Group";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("GroupName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String name = r.has("GroupName") ? r.text("GroupName") : r.generatedName(128);
        iam.createGroup(b -> b.groupName(name).path(r.text("Path")));
        Principal.GROUP.apply(r, name);
        return result(iam, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String name = r.physicalId();
        if (r.changedProperties().contains("Path")) {
            iam.updateGroup(b -> b.groupName(name).newPath(r.has("Path") ? r.text("Path") : "/"));
        }
        Principal.GROUP.apply(r, name);
        return result(iam, name);
    }

    @Override
    public void delete(ResourceRequest r) {
        IamClient iam = iam(r);
        String name = r.physicalId();
        IamSupport.deleting(() -> {
            iam.getGroup(b -> b.groupName(name)).users().forEach(u -> IamSupport.deleting(
                    () -> iam.removeUserFromGroup(b -> b.groupName(name).userName(u.userName()))));
            Principal.GROUP.strip(iam, name);
            iam.deleteGroup(b -> b.groupName(name));
        });
    }

    private static Created result(IamClient iam, String name) {
        return Created.of(name).attribute("Arn", iam.getGroup(b -> b.groupName(name)).group().arn());
    }
}
