package io.gureum.cloudformation.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What an update changed, in order, so a failure can be rolled back and a success cleaned up: resources
 * updated in place (or whose update in place failed), replaced (their old physical resource) and created. Guarded by the state's lock.
 */
final class UpdateJournal {
    record Step(String kind, ResourceSteps.Snapshot before) {
    }

    final List<Step> steps = new ArrayList<>();
    final List<String> created = new ArrayList<>();

    void updated(ResourceSteps.Snapshot before) {
        steps.add(new Step("updated", before));
    }

    /** An update in place that failed: rolled back like one that succeeded (its handler may have got partway). */
    void failed(ResourceSteps.Snapshot before) {
        steps.add(new Step("failed", before));
    }

    void replaced(ResourceSteps.Snapshot before) {
        steps.add(new Step("replaced", before));
    }
}
