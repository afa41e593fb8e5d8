package io.gureum.vpc.reachability;

import software.amazon.awssdk.services.ec2.model.Explanation;

/** Ends a walk: the packet set became empty at a component, for the reason the explanation gives. */
final class Blocked extends RuntimeException {
    final transient Explanation explanation;

    Blocked(Explanation explanation) {
        super(explanation.explanationCode(), null, false, false);
        this.explanation = explanation;
    }
}
