package io.gureum.cloudformation.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What an update changed, in order, so a failure can be rolled back and a success cleaned up: resources
 * updated in place, replaced (their old physical resource) and created. Guarded by the state's lock.
 */
final class UpdateJournal {
    record Step(String kind, ResourceSteps.Snapshot before) {
    }

    final List<Step> steps = new ArrayList<>();
    final List<String> created = new ArrayList<>();

    void updated(ResourceSteps.Snapshot before) {
        steps.add(new Step("updated", before));
    }

    void replaced(ResourceSteps.Snapshot before) {
        steps.add(new Step("replaced", before));
    }
}
