package io.gureum.vpc.reachability;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.PathComponent;

/** The components a walk passes, numbered in order (SequenceNumber from 1). */
final class Trace {
    private final List<PathComponent.Builder> steps = new ArrayList<>();

    PathComponent.Builder add(PathComponent.Builder b) {
        steps.add(b);
        return b;
    }

    List<PathComponent> build() {
        List<PathComponent> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(steps.get(i).sequenceNumber(i + 1).build());
        }
        return out;
    }

    List<String> componentIds() {
        return steps.stream().map(b -> b.build().component()).filter(c -> c != null).map(c -> c.id()).toList();
    }
}
