package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code AWS::IAM::Policy}: one inline policy put on each of the given {@code Roles}, {@code Users} and
 * {@code Groups}. {@code Ref} and {@code Fn::GetAtt Id} give the policy's generated id
 * ({@code <stack>-<logicalId>-<suffix>}). Every property changes in place: the policy is removed from the
 * principals it left and put again on the others.
 */
public final class PolicyHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "Groups", "PolicyDocument", "PolicyName", "Roles", "Users");

    @Override
    public String type() {
        return "AWS::IAM::Policy";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        put(r, r.properties());
        String id = r.generatedName(128);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        remove(r, r.previousProperties());
        put(r, r.properties());
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        remove(r, r.properties());
    }

    private static void put(ResourceRequest r, JsonNode p) {
        IamClient iam = iam(r);
        String name = r.requiredText("PolicyName");
        String doc = IamSupport.document(r.property("PolicyDocument"));
        if (IamSupport.strings(p.get("Roles")).isEmpty() && IamSupport.strings(p.get("Users")).isEmpty()
                && IamSupport.strings(p.get("Groups")).isEmpty()) {
            throw new ResourceFailure("At least one of [Groups,Roles,Users] must be non-empty.");
        }
        IamSupport.strings(p.get("Roles")).forEach(x -> Principal.ROLE.put(iam, x, name, doc));
        IamSupport.strings(p.get("Users")).forEach(x -> Principal.USER.put(iam, x, name, doc));
        IamSupport.strings(p.get("Groups")).forEach(x -> Principal.GROUP.put(iam, x, name, doc));
    }

    private static void remove(ResourceRequest r, JsonNode p) {
        IamClient iam = iam(r);
        String name = p.path("PolicyName").asText();
        IamSupport.strings(p.get("Roles")).forEach(x -> IamSupport.deleting(() -> Principal.ROLE.deleteInline(iam, x,
                name)));
        IamSupport.strings(p.get("Users")).forEach(x -> IamSupport.deleting(() -> Principal.USER.deleteInline(iam, x,
                name)));
        IamSupport.strings(p.get("Groups")).forEach(x -> IamSupport.deleting(() -> Principal.GROUP.deleteInline(iam,
                x, name)));
    }
}
