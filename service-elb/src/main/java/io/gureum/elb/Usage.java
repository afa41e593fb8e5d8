package io.gureum.elb;

import java.util.LinkedHashSet;
import java.util.Set;

/** Which load balancers use a target group: those whose listeners or rules forward to it. */
final class Usage {
    private Usage() {
    }

    static Set<String> loadBalancersOf(ElbState.Place place, String targetGroupArn) {
        Set<String> lbs = new LinkedHashSet<>();
        for (StoredListener l : place.listeners.values()) {
            if (Shapes.targetGroups(l.defaultActions).contains(targetGroupArn)) {
                lbs.add(l.loadBalancerArn);
            }
        }
        for (StoredRule r : place.rules.values()) {
            if (Shapes.targetGroups(r.actions).contains(targetGroupArn)) {
                StoredListener l = place.listeners.get(r.listenerArn);
                if (l != null) {
                    lbs.add(l.loadBalancerArn);
                }
            }
        }
        return lbs;
    }

    static boolean inUse(ElbState.Place place, String targetGroupArn) {
        return !loadBalancersOf(place, targetGroupArn).isEmpty();
    }
}
