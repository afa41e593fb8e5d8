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

/**
 * {@code AWS::IAM::UserToGroupAddition}: users added to a group. {@code Ref} and {@code Fn::GetAtt Id} give
 * the addition's generated id ({@code <stack>-<logicalId>-<suffix>}). {@code GroupName} replaces it;
 * {@code Users} changes in place (the users gone are removed from the group, the new ones added).
 */
public final class UserToGroupAdditionHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("GroupName", "Users");

    @Override
    public String type() {
        return "AWS::IAM::UserToGroupAddition";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("GroupName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String group = r.requiredText("GroupName");
        IamSupport.strings(r.property("Users")).forEach(u -> iam.addUserToGroup(b -> b.groupName(group).userName(u)));
        String id = r.generatedName(128);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        IamClient iam = iam(r);
        String group = r.text("GroupName");
        List<String> before = IamSupport.strings(r.previousProperties().get("Users"));
        List<String> after = IamSupport.strings(r.property("Users"));
        IamSupport.minus(before, after).forEach(u -> IamSupport.deleting(() -> iam.removeUserFromGroup(b -> b
                .groupName(group).userName(u))));
        IamSupport.minus(after, before).forEach(u -> iam.addUserToGroup(b -> b.groupName(group).userName(u)));
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        IamClient iam = iam(r);
        String group = r.text("GroupName");
        JsonNode users = r.property("Users");
        IamSupport.strings(users).forEach(u -> IamSupport.deleting(() -> iam.removeUserFromGroup(b -> b
                .groupName(group).userName(u))));
    }
}
