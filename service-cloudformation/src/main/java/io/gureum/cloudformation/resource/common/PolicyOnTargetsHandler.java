package io.gureum.cloudformation.resource.common;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.List;
import java.util.Set;

/**
 * A policy resource that sets one {@code PolicyDocument} on each target a list property names
 * ({@code AWS::SQS::QueuePolicy}'s {@code Queues}, {@code AWS::SNS::TopicPolicy}'s {@code Topics}).
 * {@code Ref} and {@code Fn::GetAtt Id} give its generated id. Everything changes in place; a target left out,
 * and every target on delete, loses the policy ({@link #remove}).
 */
public abstract class PolicyOnTargetsHandler implements ResourceHandler {
    private final String type;
    private final String targetsProperty;
    private final Set<String> served;

    protected PolicyOnTargetsHandler(String type, String targetsProperty) {
        this.type = type;
        this.targetsProperty = targetsProperty;
        this.served = Set.of("PolicyDocument", targetsProperty);
    }

    /** Sets {@code policy} on one target. */
    protected abstract void put(ResourceRequest r, String target, String policy);

    /** Takes the policy off one target; a target already gone is no error. */
    protected abstract void remove(ResourceRequest r, String target);

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public final Created create(ResourceRequest r) {
        Served.check(r, served);
        apply(r, Json.strings(r.property(targetsProperty)));
        String id = r.generatedName(256);
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public final Created update(ResourceRequest r) {
        Served.check(r, served);
        List<String> now = Json.strings(r.property(targetsProperty));
        Json.strings(r.previousProperties().get(targetsProperty)).stream().filter(t -> !now.contains(t))
                .forEach(t -> remove(r, t));
        apply(r, now);
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    @Override
    public final void delete(ResourceRequest r) {
        Json.strings(r.property(targetsProperty)).forEach(t -> remove(r, t));
    }

    private void apply(ResourceRequest r, List<String> targets) {
        String policy = Json.document(r.property("PolicyDocument"));
        targets.forEach(t -> put(r, t, policy));
    }
}
