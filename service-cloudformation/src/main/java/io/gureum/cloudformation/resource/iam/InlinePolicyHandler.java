package io.gureum.cloudformation.resource.iam;

import static io.gureum.cloudformation.resource.iam.IamSupport.iam;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;

/**
 * One inline policy of one role, user or group ({@code AWS::IAM::RolePolicy}, {@code UserPolicy},
 * {@code GroupPolicy}). The type's identifier is the policy name and the principal's, so {@code Ref} is
 * {@code <PolicyName>|<RoleName>}; no {@code Fn::GetAtt} attribute. The names replace it; the document
 * changes in place.
 */
abstract class InlinePolicyHandler implements ResourceHandler {
    private final String type;
    private final String principalProperty;
    private final Principal principal;

    InlinePolicyHandler(String type, String principalProperty, Principal principal) {
        this.type = type;
        this.principalProperty = principalProperty;
        this.principal = principal;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Set<String> replacementProperties() {
        return Set.of("PolicyName", principalProperty);
    }

    @Override
    public final Created create(ResourceRequest r) {
        Served.check(r, Set.of("PolicyName", "PolicyDocument", principalProperty));
        String name = r.requiredText("PolicyName");
        String owner = r.requiredText(principalProperty);
        put(r, owner, name);
        return Created.of(name + "|" + owner);
    }

    @Override
    public final Created update(ResourceRequest r) {
        Served.check(r, Set.of("PolicyName", "PolicyDocument", principalProperty));
        put(r, r.text(principalProperty), r.text("PolicyName"));
        return Created.of(r.physicalId());
    }

    private void put(ResourceRequest r, String owner, String name) {
        // AWS::IAM::RolePolicy makes PolicyDocument optional; IAM needs one, so an empty policy is put.
        String doc = r.has("PolicyDocument") ? IamSupport.document(r.property("PolicyDocument"))
                : "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
        principal.put(iam(r), owner, name, doc);
    }

    @Override
    public final void delete(ResourceRequest r) {
        IamSupport.deleting(() -> principal.deleteInline(iam(r), r.text(principalProperty), r.text("PolicyName")));
    }
}
